package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"
)

// JSONAppender is a response item that writes its own JSON: exactly the
// bytes encoding/json writes for it with huma's settings (no HTML
// escaping), without reflection. The busiest public list, the notices, has
// one; its test holds it to encoding/json's output.
type JSONAppender interface {
	AppendJSON(b []byte) []byte
}

// keysetJSON is a Keyset that can write itself: its items are
// JSONAppenders.
type keysetJSON interface {
	appendJSON(b []byte) ([]byte, bool)
}

func (k Keyset[T]) appendJSON(b []byte) ([]byte, bool) {
	if _, ok := any((*T)(nil)).(JSONAppender); !ok {
		return b, false
	}
	b = append(b, `{"items":[`...)
	for i := range k.Items {
		if i > 0 {
			b = append(b, ',')
		}
		b = any(&k.Items[i]).(JSONAppender).AppendJSON(b)
	}
	b = append(b, ']')
	if k.Next != "" {
		b = append(b, `,"next":`...)
		b = AppendJSONString(b, k.Next)
	}
	return append(b, '}', '\n'), true
}

// SizedJSON is a huma transformer: it encodes a JSON body before the status
// line is sent, so that the answer carries its Content-Length and leaves in
// one piece, instead of in chunks as net/http sends a body written after
// its headers. A Keyset of JSONAppenders is encoded without reflection.
func SizedJSON(ctx huma.Context, status string, v any) (any, error) {
	if v == nil || status == "204" || status == "304" {
		return v, nil
	}
	w, ok := ctx.BodyWriter().(http.ResponseWriter)
	if !ok {
		return v, nil
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" && ct != "application/problem+json" {
		return v, nil
	}
	buf := jsonBuffers.Get().(*[]byte)
	b := (*buf)[:0]
	if k, ok := v.(keysetJSON); ok {
		b, ok = k.appendJSON(b)
		if !ok {
			b = b[:0]
		}
	}
	if len(b) == 0 {
		out := bytes.NewBuffer(b)
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false) // as huma.DefaultJSONFormat
		if err := enc.Encode(v); err != nil {
			jsonBuffers.Put(buf)
			return nil, err
		}
		b = out.Bytes()
	}
	*buf = b
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	return encodedJSON{buf}, nil
}

// encodedJSON is a body SizedJSON has encoded; the JSON format writes it as
// it is.
type encodedJSON struct{ b *[]byte }

func (e encodedJSON) writeTo(w io.Writer) error {
	_, err := w.Write(*e.b)
	if cap(*e.b) <= 1<<20 {
		jsonBuffers.Put(e.b)
	}
	return err
}

var jsonBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// AppendJSONString appends s as encoding/json writes a string without HTML
// escaping: quotes, backslashes and control characters escaped, invalid
// UTF-8 as U+FFFD, and U+2028 and U+2029 escaped for JavaScript.
func AppendJSONString(b []byte, s string) []byte {
	if plainJSON(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendJSONText is AppendJSONString for text known to be valid UTF-8, as
// all text read from PostgreSQL is (db.Open refuses a database whose
// encoding is not UTF8): it looks only for the bytes that need escaping,
// eight at a time, and leaves anything else to AppendJSONString. On the
// notice list, checking each field's UTF-8 again was a tenth of the
// server's time (docs/benchmarks.md).
func AppendJSONText(b []byte, s string) []byte {
	if !plainText(s) {
		return AppendJSONString(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainText reports whether valid UTF-8 s needs no escaping: no control
// character, quote, backslash, U+2028 or U+2029. Each eight bytes are
// tested at once for a byte below 0x20, '"', '\\' or 0xE2 (the first byte
// of U+2028 and U+2029); only a word where one is found is looked at byte
// by byte.
func plainText(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte of w is zero where it equals the byte looked for; a
		// word has a zero byte when (x - ones) &^ x has a high bit set.
		quote, backslash, e2 := w^(ones*'"'), w^(ones*'\\'), w^(ones*0xe2)
		found := (w - ones*0x20) &^ w // a byte below 0x20
		found |= (quote - ones) &^ quote
		found |= (backslash - ones) &^ backslash
		found |= (e2 - ones) &^ e2
		if found&highs != 0 && !plainBytes(s, i, i+8) {
			return false
		}
	}
	return plainBytes(s, i, len(s))
}

// plainBytes is plainText for s[from:to], a byte at a time; a U+2028 or
// U+2029 that starts there may end after to.
func plainBytes(s string, from, to int) bool {
	for i := from; i < to; i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' ||
			(c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9)) {
			return false
		}
	}
	return true
}

// plainJSON reports whether s needs no escaping: valid UTF-8 with no
// control character, quote, backslash, U+2028 or U+2029 (whose UTF-8 starts
// with 0xE2 0x80). Names and titles nearly always are.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || (c == 0xe2 && i+1 < len(s) && s[i+1] == 0x80) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// AppendJSONTime appends t as encoding/json writes a time.Time: RFC 3339
// with as many fractional digits as it has.
func AppendJSONTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}
