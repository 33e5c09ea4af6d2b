package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/go-chi/chi/v5"
)

// encodingJSON is what huma's JSON format writes for v.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// hostileStrings are strings encoding/json escapes, or must not.
var hostileStrings = []string{
	"", "建设项目环境影响评价", "a\"b\\c", "nul\x00byte", "\x01\x1f\x7f", "tab\tnew\nline\rcr\bbs\fff",
	"<script>&amp;</script>", "line\u2028sep\u2029para", "bad\xffutf8\xe2\x80", "\xe2\x80\xa8", "\xe2\x82\xac€",
	"emoji 😀 and 𠀀", "\xed\xa0\x80 surrogate", "trailing\xe4\xb8",
}

// writesAsEncodingJSON fails t unless appendJSON, named name, writes s as
// encoding/json does.
func writesAsEncodingJSON(t *testing.T, name string, appendJSON func([]byte, string) []byte, s string) {
	t.Helper()
	want := encodingJSON(t, s)
	if got := string(appendJSON(nil, s)) + "\n"; got != want {
		t.Fatalf("%s(%q) = %s, encoding/json writes %s", name, s, got, want)
	}
}

func TestAppendJSONStringIsEncodingJSON(t *testing.T) {
	check := func(s string) { t.Helper(); writesAsEncodingJSON(t, "AppendJSONString", AppendJSONString, s) }
	for _, s := range hostileStrings {
		check(s)
	}
	// Random bytes, weighted towards the ones that need escaping.
	pick := []byte("\x00\x1f\"\\\xe2\x80\xa8\xa9\xff\xc3\xa9abc中")
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			if r.IntN(2) == 0 {
				b[i] = pick[r.IntN(len(pick))]
			} else {
				b[i] = byte(r.IntN(256))
			}
		}
		check(string(b))
	}
}

// TestAppendJSONTextIsEncodingJSON holds AppendJSONText to encoding/json
// for valid UTF-8, at every position of an eight-byte word: random strings
// of runes, weighted towards the ones that need escaping and those whose
// bytes look like them (U+2028's 0xE2 in "€" and "“").
func TestAppendJSONTextIsEncodingJSON(t *testing.T) {
	check := func(s string) { t.Helper(); writesAsEncodingJSON(t, "AppendJSONText", AppendJSONText, s) }
	for _, s := range hostileStrings {
		if utf8.ValidString(s) {
			check(s)
		}
	}
	pick := []rune("\x00\x1f \"\\\u2028\u2029\u2027\u202a€“”—中文é😀a<>&\x7f")
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		runes := make([]rune, r.IntN(30))
		for i := range runes {
			if r.IntN(3) == 0 {
				runes[i] = rune('a' + r.IntN(26))
			} else {
				runes[i] = pick[r.IntN(len(pick))]
			}
		}
		check(string(runes))
	}
}

func BenchmarkAppendJSONText(b *testing.B) {
	s := "大理白族自治州建设项目环境影响评价技术服务（第二轮）大理市自然资源和规划局"
	buf := make([]byte, 0, 1024)
	b.Run("checked", func(b *testing.B) {
		for b.Loop() {
			buf = AppendJSONString(buf[:0], s)
		}
	})
	b.Run("text", func(b *testing.B) {
		for b.Loop() {
			buf = AppendJSONText(buf[:0], s)
		}
	})
}

func TestAppendJSONTimeIsEncodingJSON(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for _, at := range []time.Time{
		time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC),
		time.Date(2016, 1, 1, 0, 5, 0, 123000, time.UTC),
		time.Date(2026, 2, 17, 23, 59, 59, 999999999, shanghai),
		time.Date(2100, 1, 1, 0, 0, 0, 100000000, time.UTC),
		{},
	} {
		want := encodingJSON(t, at)
		if got := string(AppendJSONTime(nil, at)) + "\n"; got != want {
			t.Fatalf("AppendJSONTime(%v) = %s, encoding/json writes %s", at, got, want)
		}
	}
}

// appendingItem writes its own JSON; plainItem does not.
type appendingItem struct {
	Name string `json:"name"`
	N    int64  `json:"n"`
}

func (a *appendingItem) AppendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = AppendJSONString(b, a.Name)
	b = append(b, `,"n":`...)
	b = strconv.AppendInt(b, a.N, 10)
	return append(b, '}')
}

type plainItem struct {
	Name string `json:"name"`
}

// TestSizedJSON: a keyset page of JSONAppenders, a page of plain items, a
// plain body and an error all leave with their Content-Length and the bytes
// encoding/json writes for them.
func TestSizedJSON(t *testing.T) {
	r := chi.NewRouter()
	hc := huma.DefaultConfig("test", "1")
	hc.Formats = Formats(hc.Formats)
	hc.Transformers = []huma.Transformer{SizedJSON}
	hc.CreateHooks = nil
	api := &API{API: humachi.New(r, hc), Log: slog.New(slog.DiscardHandler), MaxBodyBytes: 1 << 20}
	appending := Keyset[appendingItem]{Items: []appendingItem{{"环评<&>", 1}, {"nul\x00\xff", -2}}, Next: "abc"}
	plain := Keyset[plainItem]{Items: []plainItem{{"水保\u2028"}}}
	Register(api, huma.Operation{OperationID: "appending", Method: http.MethodGet, Path: "/appending"}, nil,
		func(context.Context, *struct{}) (*KeysetOutput[appendingItem], error) {
			return KeysetOf(&appending, nil)
		})
	Register(api, huma.Operation{OperationID: "plain", Method: http.MethodGet, Path: "/plain"}, nil,
		func(context.Context, *struct{}) (*KeysetOutput[plainItem], error) { return KeysetOf(&plain, nil) })
	Register(api, huma.Operation{OperationID: "empty", Method: http.MethodGet, Path: "/empty"}, nil,
		func(context.Context, *struct{}) (*KeysetOutput[appendingItem], error) {
			return KeysetOf(&Keyset[appendingItem]{Items: []appendingItem{}}, nil)
		})
	Register(api, huma.Operation{OperationID: "missing", Method: http.MethodGet, Path: "/missing"}, nil,
		func(context.Context, *struct{}) (*KeysetOutput[appendingItem], error) {
			return nil, huma.Error404NotFound("no such page")
		})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	for _, c := range []struct {
		path string
		want any
	}{
		{"/appending", appending},
		{"/plain", plain},
		{"/empty", Keyset[appendingItem]{Items: []appendingItem{}}},
	} {
		res, err := srv.Client().Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if want := encodingJSON(t, c.want); string(body) != want {
			t.Errorf("GET %s = %s, encoding/json writes %s", c.path, body, want)
		}
		if res.ContentLength != int64(len(body)) || len(res.TransferEncoding) != 0 {
			t.Errorf("GET %s: Content-Length %d, transfer encoding %v, for %d bytes", c.path, res.ContentLength, res.TransferEncoding, len(body))
		}
	}
	// An error is problem+json, sized too.
	res, err := srv.Client().Get(srv.URL + "/missing")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if res.StatusCode != http.StatusNotFound || res.ContentLength != int64(len(body)) || !json.Valid(body) {
		t.Errorf("bad request: %d, Content-Length %d for %d bytes: %s", res.StatusCode, res.ContentLength, len(body), body)
	}
}
