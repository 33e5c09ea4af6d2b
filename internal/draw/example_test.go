package draw

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
)

// The worked example of docs/draw.md.
var (
	exampleSecret, _  = hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	exampleCode       = "DLZJ-2026-000123"
	exampleCandidates = []string{"91532929MA6Q000026", "91532901MA6Q00003N", "91532932MA6Q00005R", "91532924MA6Q00011U", "91532923MA6Q00007Y"}
)

// workedExample renders the worked example, every intermediate value, as
// docs/draw.md prints it.
func workedExample(secret []byte, code string, candidates []string) string {
	var b strings.Builder
	sorted, err := Sorted(candidates)
	if err != nil {
		panic(err)
	}
	fmt.Fprintf(&b, "secret      %x\n", secret)
	fmt.Fprintf(&b, "commitment  %s   (SHA-256 of the secret's 32 bytes)\n", Commit(secret))
	fmt.Fprintf(&b, "code        %s\n\n", code)
	b.WriteString("sorted candidates (byte order), positions 0…" + fmt.Sprint(len(sorted)-1) + ":\n")
	for i, c := range sorted {
		fmt.Fprintf(&b, "  %d  %s\n", i, c)
	}
	// Trace the stream and the shuffle.
	s := newStream(secret, code)
	var blocks []string
	s.mac = func(orig func(int) []byte) func(int) []byte {
		return func(counter int) []byte {
			blk := orig(counter)
			line := fmt.Sprintf("\nblock %d = HMAC-SHA256(key = secret, message = \"%s|%s|%d\")\n        = %x\nwords   =", counter, Version, code, counter, blk)
			for w := 0; w < 8; w++ {
				line += fmt.Sprintf(" %d", uint32(blk[4*w])<<24|uint32(blk[4*w+1])<<16|uint32(blk[4*w+2])<<8|uint32(blk[4*w+3]))
			}
			blocks = append(blocks, line+"\n")
			return blk
		}
	}(s.mac)
	a := sorted
	n := len(a)
	var steps []string
	for i := 0; i < n-1; i++ {
		m := uint32(n - i)
		limit := uint64(1<<32) - uint64(1<<32)%uint64(m)
		var x uint32
		for {
			x = s.next()
			if uint64(x) < limit {
				break
			}
			steps = append(steps, fmt.Sprintf("  %d  %d  %10d  %d  rejected\n", i, m, x, limit))
		}
		j := i + int(x%m)
		a[i], a[j] = a[j], a[i]
		steps = append(steps, fmt.Sprintf("  %d  %d  %10d  %d  %d mod %d = %d, j = %d: %s\n", i, m, x, limit, x, m, x%m, j, strings.Join(a, " ")))
	}
	b.WriteString(strings.Join(blocks, ""))
	b.WriteString("\nstep i, range n−i, word, limit 2^32 − (2^32 mod range), then j and the list after swapping positions i and j:\n")
	b.WriteString(strings.Join(steps, ""))
	b.WriteString("\norder:\n")
	for i, c := range a {
		fmt.Fprintf(&b, "  %d. %s\n", i+1, c)
	}
	return b.String()
}

// TestWorkedExample checks that docs/draw.md prints exactly the values the
// implementation computes, and that its order is Order's.
func TestWorkedExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/draw.md")
	if err != nil {
		t.Fatal(err)
	}
	want := workedExample(exampleSecret, exampleCode, exampleCandidates)
	if os.Getenv("INTERMART_PRINT_DRAW_EXAMPLE") == "1" {
		fmt.Print(want)
	}
	if !strings.Contains(string(doc), "```text\n"+want+"```\n") {
		t.Fatalf("docs/draw.md does not contain the worked example as computed:\n%s", want)
	}
	order, err := Order(exampleSecret, exampleCode, exampleCandidates)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range order {
		if !strings.Contains(want, fmt.Sprintf("  %d. %s\n", i+1, c)) {
			t.Fatalf("the example's order differs from Order: %v", order)
		}
	}
}
