package opendata

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The OCDS 1.1.5 schemas live outside the repository, in ../shared/ocds
// beside the checkout (or beside the folder of worktrees holding it), or
// where INTERMART_OCDS_SCHEMAS says; tests alone may read them. "" when
// they are nowhere to be found.
var ocdsDir = func() string {
	if dir := os.Getenv("INTERMART_OCDS_SCHEMAS"); dir != "" {
		return dir
	}
	for _, dir := range []string{"../../../shared/ocds", "../../../../shared/ocds"} {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	return ""
}()

const (
	schemaBase   = "https://standard.open-contracting.org/schema/1__1__5/"
	releaseURL   = schemaBase + "release-schema.json"
	releasePkg   = schemaBase + "release-package-schema.json"
	recordPkg    = schemaBase + "record-package-schema.json"
	versionedURL = schemaBase + "versioned-release-validation-schema.json"
)

// ocdsSchemas compiles the release-package and record-package schemas, with
// the release schema patched by the bids extension (a JSON merge patch,
// RFC 7386), and every URL mapped to the local files: there is no network.
func ocdsSchemas(t *testing.T) (release, record *jsonschema.Schema) {
	t.Helper()
	if ocdsDir == "" {
		// A clone without the shared folder beside it cannot validate; it
		// says so rather than fail on what it was not given.
		t.Skip("the OCDS schemas are not in ../shared/ocds beside this checkout: set INTERMART_OCDS_SCHEMAS to validate")
	}
	load := func(parts ...string) any {
		b, err := os.ReadFile(filepath.Join(append([]string{ocdsDir}, parts...)...))
		if err != nil {
			t.Fatalf("OCDS schema: %v", err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	c := jsonschema.NewCompiler()
	add := func(url string, doc any) {
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
	}
	add(releaseURL, mergePatch(load("1.1.5", "release-schema.json"), load("extensions", "bids", "release-schema.json")))
	add(releasePkg, load("1.1.5", "release-package-schema.json"))
	add(recordPkg, load("1.1.5", "record-package-schema.json"))
	// Records here carry no versionedRelease (the compiled release says
	// everything public), so the versioned schema, not shipped with the
	// package, may accept anything; records are checked to have none.
	add(versionedURL, map[string]any{})
	var err error
	if release, err = c.Compile(releasePkg); err != nil {
		t.Fatal(err)
	}
	if record, err = c.Compile(recordPkg); err != nil {
		t.Fatal(err)
	}
	return release, record
}

// mergePatch applies patch to target as RFC 7386 says.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
			continue
		}
		t[k] = mergePatch(t[k], v)
	}
	return t
}

// validate checks a served JSON document against a compiled schema.
func validate(t *testing.T, s *jsonschema.Schema, body []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := s.Validate(doc); err != nil {
		t.Errorf("invalid OCDS: %v", err)
	}
}

func TestSchemasRefuseWhatOCDSForbids(t *testing.T) {
	release, _ := ocdsSchemas(t)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"uri":"https://x/p","publishedDate":"2026-01-01T00:00:00Z",
		"publisher":{"name":"x"},"version":"1.1","releases":[{"ocid":"ocds-x-1","id":"1","date":"2026-01-01T00:00:00Z",
		"tag":["tender"],"initiationType":"tender","bids":{"details":[{"id":"b1","value":{"amount":"not a number"}}]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if release.Validate(doc) == nil {
		t.Error("a bid value that is not a number passed the bids extension's schema")
	}
	validate(t, release, []byte(`{"uri":"https://x/p","publishedDate":"2026-01-01T00:00:00Z",
		"publisher":{"name":"x"},"version":"1.1","releases":[{"ocid":"ocds-x-1","id":"1","date":"2026-01-01T00:00:00Z",
		"tag":["tender"],"initiationType":"tender","bids":{"details":[{"id":"b1","value":{"amount":100,"currency":"CNY"}}]}}]}`))
}
