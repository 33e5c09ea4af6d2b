package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/errs"
)

var timeType = reflect.TypeFor[time.Time]()

// CheckInput refuses, for every operation at once, text and dates that pass
// the schema but that PostgreSQL cannot store: a NUL character or invalid
// UTF-8 in any string (body, query, path or header), and a date outside the
// years 1–9999 (PostgreSQL has no year 0). Each refused field is named with
// its location, as huma names its own validation errors.
func CheckInput(in any) error {
	var f errs.Fields
	v := reflect.ValueOf(in)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	checkParams(&f, v)
	return f.Err()
}

// checkParams checks the input struct's parameters and its Body.
func checkParams(f *errs.Fields, v reflect.Value) {
	for _, p := range paramsOf(v.Type()) {
		checkValue(f, p.loc, v.FieldByIndex(p.index), p.tag)
	}
}

// param is a field of an input struct that may hold text or a date: its
// index, its location as errors name it ("query.q", "body") and its tag.
type param struct {
	index []int
	loc   string
	tag   reflect.StructTag
}

// params holds paramsOf's answer for each input type: the walk over the
// struct's fields and tags is done once per operation, not per request.
var params sync.Map // reflect.Type → []param

// paramsOf lists the parameters and the Body of the input struct type t,
// leaving out numbers and booleans, which hold nothing to refuse.
func paramsOf(t reflect.Type) []param {
	if ps, ok := params.Load(t); ok {
		return ps.([]param)
	}
	ps, _ := params.LoadOrStore(t, appendParams(nil, t, nil))
	return ps.([]param)
}

func appendParams(ps []param, t reflect.Type, index []int) []param {
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		at := append(slices.Clone(index), i)
		if sf.Anonymous {
			if sf.Type.Kind() == reflect.Struct {
				ps = appendParams(ps, sf.Type, at)
			}
			continue
		}
		switch sf.Type.Kind() {
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
			reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
			continue
		}
		if sf.Name == "Body" {
			ps = append(ps, param{index: at, loc: "body", tag: sf.Tag})
			continue
		}
		for _, loc := range []string{"path", "query", "header", "cookie"} {
			if name := strings.Split(sf.Tag.Get(loc), ",")[0]; name != "" {
				ps = append(ps, param{index: at, loc: loc + "." + name, tag: sf.Tag})
			}
		}
	}
	return ps
}

// checkValue checks one value of the body, recursively.
func checkValue(f *errs.Fields, loc string, v reflect.Value, tag reflect.StructTag) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkValue(f, loc, v.Elem(), tag)
		}
	case reflect.String:
		checkText(f, loc, v.String(), tag.Get("format"))
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // raw bytes
		}
		for i := range v.Len() {
			checkValue(f, loc+"["+strconv.Itoa(i)+"]", v.Index(i), "")
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := fmt.Sprint(iter.Key().Interface())
			checkText(f, loc, k, "")
			checkValue(f, loc+"."+k, iter.Value(), "")
		}
	case reflect.Struct:
		if v.Type() == timeType {
			checkTime(f, loc, v.Interface().(time.Time))
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			if sf.Anonymous {
				checkValue(f, loc, v.Field(i), "")
				continue
			}
			name := strings.Split(sf.Tag.Get("json"), ",")[0]
			if name == "-" {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			checkValue(f, loc+"."+name, v.Field(i), sf.Tag)
		}
	}
}

func checkText(f *errs.Fields, loc, s, format string) {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		f.Add(loc, "nul_character", "must not contain the NUL character")
	case !utf8.ValidString(s):
		f.Add(loc, "invalid_utf8", "must be valid UTF-8 text")
	case format == "date" && len(s) >= 4:
		if y, err := strconv.Atoi(s[:4]); err == nil {
			checkYear(f, loc, y)
		}
	case format == "date-time" && len(s) >= 4:
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			checkTime(f, loc, t)
		}
	}
}

// checkTime checks a moment's year both as written and in UTC, as it is
// stored and answered: an offset can carry 9999-12-31 into the year 10000.
func checkTime(f *errs.Fields, loc string, t time.Time) {
	year := t.UTC().Year()
	if year >= 1 && year <= 9999 {
		year = t.Year()
	}
	checkYear(f, loc, year)
}

func checkYear(f *errs.Fields, loc string, year int) {
	if year < 1 || year > 9999 {
		f.Add(loc, "date_out_of_range", "the year must be between 1 and 9999")
	}
}

// Formats returns huma's formats with a JSON decoder whose errors never name
// Go types: "cannot unmarshal number 1e+30 into Go struct field X of type
// int64" becomes the location and what was expected. Its encoder writes a
// body SizedJSON has already encoded as it is.
func Formats(formats map[string]huma.Format) map[string]huma.Format {
	out := make(map[string]huma.Format, len(formats))
	for ct, f := range formats {
		if ct == "application/json" || ct == "json" {
			unmarshal := f.Unmarshal
			f.Unmarshal = func(data []byte, v any) error { return cleanDecodeError(unmarshal(data, v)) }
			marshal := f.Marshal
			f.Marshal = func(w io.Writer, v any) error {
				if e, ok := v.(encodedJSON); ok {
					return e.writeTo(w)
				}
				return marshal(w, v)
			}
		}
		out[ct] = f
	}
	return out
}

func cleanDecodeError(err error) error {
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		loc := "body"
		if te.Field != "" {
			loc += "." + te.Field
		}
		return errors.New(loc + ": " + expected(te.Type) + ", not " + te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("body: malformed JSON at byte %d", se.Offset)
	}
	if errors.Is(err, huma.ErrUnknownContentType) {
		return err
	}
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return errors.New("body: the JSON ends too early")
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return errors.New("body: expected a date and time as in 2026-11-30T14:00:00+08:00")
	}
	return errors.New("body: could not be decoded")
}

// expected names a Go type as the JSON a client should send.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fmt.Sprintf("expected an integer between %d and %d", int64(-1)<<(t.Bits()-1), int64(1)<<(t.Bits()-1)-1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "expected a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "expected a number"
	case reflect.String:
		return "expected a string"
	case reflect.Bool:
		return "expected true or false"
	case reflect.Slice, reflect.Array:
		return "expected an array"
	case reflect.Map, reflect.Struct:
		return "expected an object"
	}
	return "unexpected value"
}
