package draw

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"intermart/internal/identity"
)

func TestOrder(t *testing.T) {
	t.Parallel()
	t.Run("Deterministic", func(t *testing.T) {
		a, err := Order(exampleSecret, exampleCode, exampleCandidates)
		if err != nil {
			t.Fatal(err)
		}
		shuffled := slices.Clone(exampleCandidates)
		slices.Reverse(shuffled)
		b, err := Order(exampleSecret, exampleCode, shuffled)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a, b) {
			t.Fatalf("the order depends on the candidates' input order: %v vs %v", a, b)
		}
		sorted := slices.Sorted(slices.Values(a))
		want, _ := Sorted(exampleCandidates)
		if !slices.Equal(sorted, want) {
			t.Fatalf("the order %v is not a permutation of the candidates", a)
		}
		if exampleCandidates[0] != "91532929MA6Q000026" {
			t.Fatal("Order changed its argument")
		}
	})
	t.Run("DependsOnSecretAndCode", func(t *testing.T) {
		base, _ := Order(exampleSecret, exampleCode, exampleCandidates)
		other := bytes.Clone(exampleSecret)
		other[31] ^= 1
		bySecret, bySecretCode := 0, 0
		for i := range 20 {
			other[0] = byte(i)
			o, _ := Order(other, exampleCode, exampleCandidates)
			if !slices.Equal(o, base) {
				bySecret++
			}
			o, _ = Order(exampleSecret, fmt.Sprintf("DLZJ-2026-%06d", i), exampleCandidates)
			if !slices.Equal(o, base) {
				bySecretCode++
			}
		}
		if bySecret < 15 || bySecretCode < 15 {
			t.Fatalf("of 20 other secrets %d, of 20 other codes %d gave another order", bySecret, bySecretCode)
		}
	})
	t.Run("OneCandidate", func(t *testing.T) {
		o, err := Order(exampleSecret, exampleCode, []string{"91532901MA6Q00003N"})
		if err != nil || !slices.Equal(o, []string{"91532901MA6Q00003N"}) {
			t.Fatalf("Order = %v, %v", o, err)
		}
	})
	t.Run("ErrInput", func(t *testing.T) {
		for name, tc := range map[string]struct {
			secret     []byte
			code       string
			candidates []string
		}{
			"ShortSecret":   {exampleSecret[:31], exampleCode, exampleCandidates},
			"NoCode":        {exampleSecret, "", exampleCandidates},
			"ControlInCode": {exampleSecret, "DLZJ\n1", exampleCandidates},
			"NoCandidates":  {exampleSecret, exampleCode, nil},
			"Duplicate":     {exampleSecret, exampleCode, []string{"A", "B", "A"}},
			"Empty":         {exampleSecret, exampleCode, []string{"A", ""}},
			"Space":         {exampleSecret, exampleCode, []string{"A B"}},
			"NonASCII":      {exampleSecret, exampleCode, []string{"大理"}},
			"TooMany":       {exampleSecret, exampleCode, make([]string, MaxCandidates+1)},
		} {
			if _, err := Order(tc.secret, tc.code, tc.candidates); !errors.Is(err, ErrInput) {
				t.Errorf("%s: err = %v, want ErrInput", name, err)
			}
		}
	})
}

// TestUniform checks the rejection sampling with a stream of chosen words.
func TestUniform(t *testing.T) {
	t.Parallel()
	words := func(ws ...uint32) *stream {
		var blk []byte
		for _, w := range ws {
			blk = append(blk, byte(w>>24), byte(w>>16), byte(w>>8), byte(w))
		}
		return &stream{mac: func(int) []byte { return blk }}
	}
	// For m = 3, limit = 2^32 − 1: the word 2^32 − 1 is rejected.
	s := words(0xFFFFFFFF, 0xFFFFFFFE, 7, 0, 0, 0, 0, 0)
	if got := s.uniform(3); got != 0xFFFFFFFE%3 {
		t.Fatalf("uniform(3) = %d, want %d (the first word rejected)", got, 0xFFFFFFFE%3)
	}
	// For m = 4, limit = 2^32: nothing is rejected.
	s = words(0xFFFFFFFF, 0, 0, 0, 0, 0, 0, 0)
	if got := s.uniform(4); got != 3 {
		t.Fatalf("uniform(4) = %d, want 3", got)
	}
	// For m = 10000, limit = 4294960000: 4294960000 is rejected, 4294959999 is not.
	s = words(4294960000, 4294959999, 0, 0, 0, 0, 0, 0)
	if got := s.uniform(10000); got != 4294959999%10000 {
		t.Fatalf("uniform(10000) = %d, want %d", got, 4294959999%10000)
	}
	// The stream moves to the next block after eight words.
	var counters []int
	s = &stream{mac: func(c int) []byte { counters = append(counters, c); return make([]byte, 32) }}
	for range 17 {
		s.next()
	}
	if !slices.Equal(counters, []int{0, 1, 2}) {
		t.Fatalf("blocks computed: %v, want 0 1 2", counters)
	}
}

// TestEvenlyDistributed draws 3 candidates with 60,000 fixed secrets: each
// of the 6 orders must come up about 10,000 times (a biased shuffle, e.g.
// j = uniform(n) at every step, is off by more than 1,000).
func TestEvenlyDistributed(t *testing.T) {
	t.Parallel()
	src := rand.NewChaCha8([32]byte{1})
	counts := map[string]int{}
	secret := make([]byte, 32)
	for range 60000 {
		_, _ = src.Read(secret)
		o, err := Order(secret, "DLZJ-2026-000001", []string{"A", "B", "C"})
		if err != nil {
			t.Fatal(err)
		}
		counts[strings.Join(o, "")]++
	}
	if len(counts) != 6 {
		t.Fatalf("orders seen: %v", counts)
	}
	for o, n := range counts {
		if n < 9500 || n > 10500 {
			t.Fatalf("order %s came up %d times in 60,000, want about 10,000: %v", o, n, counts)
		}
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	commitment := Commit(exampleSecret)
	candidates, _ := Sorted(exampleCandidates)
	order, _ := Order(exampleSecret, exampleCode, candidates)
	if err := Verify(commitment, exampleSecret, exampleCode, candidates, order); err != nil {
		t.Fatalf("Verify the honest draw: %v", err)
	}
	if err := Verify(strings.ToUpper(commitment), exampleSecret, exampleCode, candidates, order); err != nil {
		t.Fatalf("Verify with an upper-case commitment: %v", err)
	}
	swapped := slices.Clone(order)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	other := bytes.Clone(exampleSecret)
	other[5] ^= 0x80
	for name, tc := range map[string]struct {
		commitment string
		secret     []byte
		code       string
		candidates []string
		order      []string
		want       error
	}{
		"ErrOrderChanged":       {commitment, exampleSecret, exampleCode, candidates, swapped, ErrOrder},
		"ErrOrderShort":         {commitment, exampleSecret, exampleCode, candidates, order[:4], ErrOrder},
		"ErrOtherCode":          {commitment, exampleSecret, "DLZJ-2026-000124", candidates, order, ErrOrder},
		"ErrCandidateAdded":     {commitment, exampleSecret, exampleCode, append(slices.Clone(candidates), "91532999MA6Q00001X"), order, ErrOrder},
		"ErrSecretChanged":      {commitment, other, exampleCode, candidates, order, ErrCommitment},
		"ErrUnsorted":           {commitment, exampleSecret, exampleCode, exampleCandidates, order, ErrInput},
		"ErrCommitmentNotHex":   {"xyz", exampleSecret, exampleCode, candidates, order, ErrInput},
		"ErrCommitmentShort":    {commitment[:62], exampleSecret, exampleCode, candidates, order, ErrInput},
		"ErrDuplicateCandidate": {commitment, exampleSecret, exampleCode, []string{"A", "A"}, []string{"A", "A"}, ErrInput},
	} {
		if err := Verify(tc.commitment, tc.secret, tc.code, tc.candidates, tc.order); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
}

func TestTieBreak(t *testing.T) {
	t.Parallel()
	tied := []string{"91532924MA6Q00011U", "91532901MA6Q00003N"}
	got, err := TieBreak(exampleSecret, exampleCode, 1, tied)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Order(exampleSecret, "DLZJ-2026-000123|tie|1", tied)
	if !slices.Equal(got, want) {
		t.Fatalf("TieBreak = %v, want %v", got, want)
	}
	if _, err := TieBreak(exampleSecret, exampleCode, 0, tied); !errors.Is(err, ErrInput) {
		t.Fatalf("rank 0: err = %v", err)
	}
	p, err := Publish(exampleSecret, exampleCode, 1, tied, time.Date(2026, 12, 10, 2, 0, 0, 0, time.UTC))
	if err != nil || !slices.Equal(p.Order, want) || p.Code() != "DLZJ-2026-000123|tie|1" {
		t.Fatalf("Publish = %+v, %v", p, err)
	}
	if err := p.Verify(); err != nil {
		t.Fatalf("Verify the published tie-break: %v", err)
	}
}

func TestPublic(t *testing.T) {
	t.Parallel()
	p, err := Publish(exampleSecret, exampleCode, 0, exampleCandidates, time.Date(2026, 12, 10, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	// The document exactly as docs/draw.md shows it.
	want := `{"version":"draw-v1","announcementCode":"DLZJ-2026-000123","commitment":"630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd",` +
		`"secret":"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",` +
		`"candidates":["91532901MA6Q00003N","91532923MA6Q00007Y","91532924MA6Q00011U","91532929MA6Q000026","91532932MA6Q00005R"],` +
		`"order":["91532932MA6Q00005R","91532923MA6Q00007Y","91532901MA6Q00003N","91532924MA6Q00011U","91532929MA6Q000026"],` +
		`"drawnAt":"2026-12-10T02:00:00Z"}`
	if string(raw) != want {
		t.Fatalf("published:\n%s\nwant\n%s", raw, want)
	}
	doc, err := os.ReadFile("../../docs/draw.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(doc), "```json\n")
	end := strings.Index(string(doc)[start+8:], "```")
	var fromDoc Public
	if err := json.Unmarshal(doc[start+8:start+8+end], &fromDoc); err != nil {
		t.Fatalf("docs/draw.md's JSON example: %v", err)
	}
	if err := fromDoc.Verify(); err != nil {
		t.Fatalf("docs/draw.md's JSON example does not verify: %v", err)
	}
	if again, _ := json.Marshal(fromDoc); string(again) != want {
		t.Fatalf("docs/draw.md's JSON example:\n%s\nwant\n%s", again, want)
	}
	var before Public
	_ = json.Unmarshal([]byte(`{"version":"draw-v1","announcementCode":"X","commitment":"`+p.Commitment+`","secret":null,"candidates":[],"order":[],"drawnAt":null}`), &before)
	if err := before.Verify(); !errors.Is(err, ErrInput) || before.Drawn() {
		t.Fatalf("Verify before the draw: %v", err)
	}
	bad := p
	bad.Version = "draw-v2"
	if err := bad.Verify(); !errors.Is(err, ErrInput) {
		t.Fatalf("Verify of another version: %v", err)
	}
}

// fixtureCase is one draw the browser implementation must reproduce.
type fixtureCase struct {
	Secret     string   `json:"secret"`
	Code       string   `json:"code"`
	Candidates []string `json:"candidates"`
	Order      []string `json:"order"`
}

const fixturePath = "../../frontend/src/draw/drawV1.fixture.json"

// fixture generates the cases of frontend/src/draw/drawV1.fixture.json
// from a fixed seed: random secrets, codes (a tie-break code and a Chinese
// one among them) and from 1 to 300 candidate credit codes.
func fixture() []fixtureCase {
	src := rand.NewChaCha8([32]byte{'d', 'r', 'a', 'w', '-', 'v', '1'})
	r := rand.New(src)
	regions := []string{"532901", "532922", "532923", "532924", "532925", "532926", "532927", "532928", "532929", "532930", "532931", "532932"}
	sizes := []int{1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 12, 15, 17, 20, 25, 33, 50, 64, 100, 101, 255, 300}
	var out []fixtureCase
	for i, n := range sizes {
		secret := make([]byte, 32)
		_, _ = src.Read(secret)
		code := fmt.Sprintf("DLZJ-2026-%06d", r.IntN(1000000))
		switch i % 5 {
		case 3:
			code = TieCode(code, 1+r.IntN(3))
		case 4:
			code = fmt.Sprintf("大理州-%d号", r.IntN(1000))
		}
		seen := map[string]bool{}
		var cands []string
		for len(cands) < n {
			c := identity.CompleteCreditCode(fmt.Sprintf("91%sMA6%c%05d", regions[r.IntN(len(regions))], "KNPQRT"[r.IntN(6)], r.IntN(100000)))
			if !seen[c] {
				seen[c] = true
				cands = append(cands, c)
			}
		}
		sorted, err := Sorted(cands)
		if err != nil {
			panic(err)
		}
		order, err := Order(secret, code, sorted)
		if err != nil {
			panic(err)
		}
		out = append(out, fixtureCase{hex.EncodeToString(secret), code, sorted, order})
	}
	return out
}

// TestFixture keeps the browser's fixture equal to what the Go
// implementation computes. INTERMART_WRITE_DRAW_FIXTURE=1 rewrites it.
func TestFixture(t *testing.T) {
	t.Parallel()
	want, err := json.MarshalIndent(fixture(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	if os.Getenv("INTERMART_WRITE_DRAW_FIXTURE") == "1" {
		if err := os.WriteFile(fixturePath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run INTERMART_WRITE_DRAW_FIXTURE=1 go test ./internal/draw/", fixturePath)
	}
}
