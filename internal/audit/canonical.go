package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Canonical returns the canonical JSON text of v, the form an event's
// before and after are hashed in: v is encoded with encoding/json, then
// written again
//
//   - without any whitespace;
//   - with object members sorted by the bytes of their UTF-8 keys (a
//     repeated key keeps its last value);
//   - with strings escaped only where JSON requires it: `"` and `\` as \" and
//     \\, U+0008, U+0009, U+000A, U+000C, U+000D as \b \t \n \f \r, other
//     characters below U+0020 as \u00xx (lower-case hex); everything else,
//     including non-ASCII, as raw UTF-8;
//   - with numbers written as their value: an integer that fits in int64 in
//     plain decimal; any other number as the nearest float64 in the
//     ECMAScript Number-to-String form of RFC 8785 (1.5, 1e+21, 1e-7; -0 as 0).
//
// This is RFC 8785 (JCS) except that integers up to int64 stay exact. The
// form is a function of the JSON value alone, so it is the same whether it is
// computed from the caller's Go value or from what PostgreSQL's jsonb gives
// back, which reorders keys and rewrites numbers. A nil v, or one that
// encodes as JSON null, gives nil: "absent".
func Canonical(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	var raw []byte
	switch x := v.(type) {
	case json.RawMessage:
		raw = x
	case []byte:
		// Bytes are taken to be JSON text already (e.g. read from jsonb);
		// to record binary data, encode it into a value first.
		raw = x
	default:
		var err error
		if raw, err = json.Marshal(v); err != nil {
			return nil, fmt.Errorf("audit: encode %T as JSON: %w", v, err)
		}
	}
	if len(raw) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var parsed any
	if err := dec.Decode(&parsed); err != nil {
		return nil, fmt.Errorf("audit: invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("audit: invalid JSON: more than one value")
	}
	if parsed == nil {
		return nil, nil
	}
	var b bytes.Buffer
	if err := writeCanonical(&b, parsed); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeCanonical(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		s, err := canonicalNumber(string(x))
		if err != nil {
			return err
		}
		b.WriteString(s)
	case string:
		writeString(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeCanonical(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // Go compares strings bytewise
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			if err := writeCanonical(b, x[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("audit: unexpected JSON value %T", v)
	}
	return nil
}

// canonicalNumber writes a JSON number by its value (see Canonical).
func canonicalNumber(s string) (string, error) {
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return strconv.FormatInt(n, 10), nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", fmt.Errorf("audit: number %s is out of range", s)
	}
	if f == 0 {
		return "0", nil
	}
	// As encoding/json writes a float64, which follows ECMAScript.
	format := byte('f')
	if abs := math.Abs(f); abs < 1e-6 || abs >= 1e21 {
		format = 'e'
	}
	out := strconv.AppendFloat(nil, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 → 1e-7
		if n := len(out); n >= 4 && out[n-4] == 'e' && out[n-3] == '-' && out[n-2] == '0' {
			out[n-2] = out[n-1]
			out = out[:n-1]
		}
	}
	return string(out), nil
}

func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	// Decoded strings are valid UTF-8: the decoder replaced anything else
	// with U+FFFD.
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
