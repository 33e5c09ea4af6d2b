package audit

import (
	"encoding/json"
	"testing"
)

func TestCanonical(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"Nil", nil, ""},
		{"JSONNull", json.RawMessage("null"), ""},
		{"SortedKeys", json.RawMessage(`{ "b" : 1, "a" : {"z":[], "é":2, "Z":3} }`), `{"a":{"Z":3,"z":[],"é":2},"b":1}`},
		{"RepeatedKeyKeepsLast", json.RawMessage(`{"a":1,"a":2}`), `{"a":2}`},
		{"Integers", json.RawMessage(`[0,-0,9223372036854775807,-9223372036854775808,100]`), `[0,0,9223372036854775807,-9223372036854775808,100]`},
		{"Floats", json.RawMessage(`[1.50,1e2,1E21,1e21,0.000001,0.0000001,-0.0,12345678901234567890,1.0]`),
			`[1.5,100,1e+21,1e+21,0.000001,1e-7,0,12345678901234567000,1]`},
		{"Strings", json.RawMessage(`"a\"b\\c\/d\u0001\b\f\n\r\t\u2028<>&中"`), "\"a\\\"b\\\\c/d\\u0001\\b\\f\\n\\r\\t\u2028<>&中\""},
		{"GoValue", map[string]any{"fen": int64(100), "ok": true, "s": []string{"x"}}, `{"fen":100,"ok":true,"s":["x"]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Canonical(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Fatalf("Canonical = %s, want %s", got, tc.want)
			}
			again, err := Canonical(got)
			if err != nil || string(again) != string(got) {
				t.Fatalf("Canonical is not idempotent: %s → %s (%v)", got, again, err)
			}
		})
	}
	for _, bad := range []string{`{"a":`, `1 2`, `1e999`} {
		if _, err := Canonical(json.RawMessage(bad)); err == nil {
			t.Errorf("Canonical(%s): no error", bad)
		}
	}
}
