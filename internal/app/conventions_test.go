package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

type openAPIDoc struct {
	Info struct {
		License *struct{ Name string } `json:"license"`
	} `json:"info"`
	Servers []struct{ URL string } `json:"servers"`
	Paths   map[string]map[string]struct {
		OperationID string                `json:"operationId"`
		Security    []map[string][]string `json:"security"`
		Parameters  []struct{ Name, In string }
		RequestBody json.RawMessage `json:"requestBody"`
		Responses   map[string]struct {
			Content map[string]struct {
				Schema struct {
					Ref string `json:"$ref"`
				} `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Required   []string                   `json:"required"`
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
		SecuritySchemes map[string]struct{ Type, In, Name string } `json:"securitySchemes"`
	} `json:"components"`
}

func printedDocument(t *testing.T) openAPIDoc {
	t.Helper()
	var buf bytes.Buffer
	if err := printOpenAPI(&buf); err != nil {
		t.Fatal(err)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestOpenAPIDescribesItself checks what a generated client needs: how to
// sign in, which operations need it (as the authorization matrix says), and
// what can go wrong.
func TestOpenAPIDescribesItself(t *testing.T) {
	t.Parallel()
	doc := printedDocument(t)
	if doc.Info.License == nil || doc.Info.License.Name == "" || len(doc.Servers) == 0 {
		t.Fatalf("licence %v, servers %v", doc.Info.License, doc.Servers)
	}
	if s := doc.Components.SecuritySchemes["session"]; s.Type != "apiKey" || s.In != "cookie" || s.Name != sessionCookie {
		t.Fatalf("session scheme %+v", s)
	}
	// Operations that take no input and need no session have nothing to
	// refuse: they alone may list no 4xx response.
	no4xx := map[string]bool{"portal.summary": true, "identity.listRegions": true,
		"catalog.listCategories": true, "catalog.listQualificationTypes": true, "site.info": true,
		"procurement.getRules": true}
	n := 0
	for path, item := range doc.Paths {
		for method, op := range item {
			n++
			name := fmt.Sprintf("%s %s (%s)", strings.ToUpper(method), path, op.OperationID)
			public := strings.Contains(" "+matrix[op.OperationID]+" ", " anonymous ")
			sec, _ := json.Marshal(op.Security)
			if public && string(sec) != `[{},{"session":[]}]` || !public && string(sec) != `[{"session":[]}]` {
				t.Errorf("%s: security %s, but the matrix says public=%v", name, sec, public)
			}
			has := func(status string) bool { _, ok := op.Responses[status]; return ok }
			if !public && !has("401") {
				t.Errorf("%s needs a session but does not list 401", name)
			}
			if strings.Contains(path, "{") && !has("404") {
				t.Errorf("%s has path parameters but does not list 404", name)
			}
			if (len(op.RequestBody) > 0 || len(op.Parameters) > 0) && !has("422") {
				t.Errorf("%s takes input but does not list 422", name)
			}
			if (op.OperationID == "auth.signIn" || op.OperationID == "identity.signUpAgency") && !has("429") {
				t.Errorf("%s is rate limited but does not list 429", name)
			}
			fourxx := 0
			for status, res := range op.Responses {
				if status[0] != '4' && status[0] != '5' {
					continue
				}
				if status[0] == '4' {
					fourxx++
				}
				if res.Content["application/problem+json"].Schema.Ref != "#/components/schemas/Problem" {
					t.Errorf("%s: response %s is not a problem", name, status)
				}
			}
			if fourxx == 0 && !no4xx[op.OperationID] {
				t.Errorf("%s lists no 4xx response", name)
			}
		}
	}
	if n != len(matrix) {
		t.Errorf("%d operations in the document, %d in the matrix", n, len(matrix))
	}
}

// TestListsAreArrays calls every list operation, where possible with a
// filter that matches nothing, and checks the list is [] with its total,
// never null; the document must say so too.
func TestListsAreArrays(t *testing.T) {
	t.Parallel()
	doc := printedDocument(t)
	s := startServer(t)
	admin := s.signIn("admin")
	orgID := s.id("SELECT organisation_id FROM users WHERE username = 'admin'")
	comp := competitionFixtures(t, s)
	// Lists the platform admin may not read are read by a role that may.
	others := []*client{s.signIn("reg.zwfw"), s.signIn("agency"), s.signIn("owner")}
	lists := 0
	for path, item := range doc.Paths {
		op, ok := item["get"]
		if !ok {
			continue
		}
		ref := op.Responses["200"].Content["application/json"].Schema.Ref
		schema := doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
		if _, ok := schema.Properties["items"]; !ok {
			continue
		}
		lists++
		t.Run(op.OperationID, func(t *testing.T) {
			var items struct {
				Type any `json:"type"`
			}
			_ = json.Unmarshal(schema.Properties["items"], &items)
			// A list paged by a cursor (web.Keyset) has the next cursor
			// instead of a total.
			keyset := strings.HasPrefix(ref, "#/components/schemas/Keyset")
			if keyset && (items.Type != "array" || strings.Join(schema.Required, ",") != "items") {
				t.Fatalf("%s: schema %s %s, want the keyset type with items (never null)", op.OperationID, ref, schema.Properties["items"])
			}
			if !keyset && (!strings.HasPrefix(ref, "#/components/schemas/List") || items.Type != "array" ||
				strings.Join(schema.Required, ",") != "items,total") {
				t.Fatalf("%s: schema %s %s, want the list type with items (never null) and total", op.OperationID, ref, schema.Properties["items"])
			}
			q := url.Values{}
			filtered := false
			for _, p := range op.Parameters {
				if p.In == "query" && p.Name == "q" {
					q.Set("q", "没有这样的名字 no-such-name")
					filtered = true
				}
			}
			p := comp.Replace(strings.ReplaceAll(path, "{orgId}", fmt.Sprint(orgID)))
			if len(q) > 0 {
				p += "?" + q.Encode()
			}
			res := admin.do("GET", p, nil)
			for _, c := range others {
				if res.status == 403 {
					res = c.do("GET", p, nil)
				}
			}
			if res.status != 200 {
				t.Fatalf("%s: %d %s", p, res.status, res.body)
			}
			var body struct {
				Items *[]json.RawMessage `json:"items"`
				Total *int               `json:"total"`
			}
			res.json(t, &body)
			if keyset && body.Total == nil {
				body.Total = new(int)
			}
			if body.Items == nil || body.Total == nil {
				t.Fatalf("%s: items or total missing or null: %s", p, res.body)
			}
			if filtered && (len(*body.Items) != 0 || *body.Total != 0 || !strings.Contains(res.body, `"items":[]`)) {
				t.Fatalf("%s: want an empty list, got %s", p, res.body)
			}
		})
	}
	if lists < 9 {
		t.Fatalf("found %d list operations, want at least 9", lists)
	}
	t.Run("EmptyNotifications", func(t *testing.T) {
		// A new agency has no notifications yet.
		c := s.anonymous()
		r := c.do("POST", "/api/v1/agency-signups", map[string]string{"organisationName": "空列表测试咨询有限公司",
			"creditCode": "91532901MA6K0EL01" + checkChar("91532901MA6K0EL01"), "regionCode": "532901", "contactName": "张三",
			"contactPhone": "0872-2123456", "username": "empty.lists", "displayName": "张三", "password": "password-123-x"})
		if r.status != 201 {
			t.Fatalf("sign up: %d %s", r.status, r.body)
		}
		res := s.signIn2("empty.lists", "password-123-x").do("GET", "/api/v1/notifications", nil)
		if res.status != 200 || !strings.Contains(res.body, `"items":[]`) || !strings.Contains(res.body, `"total":0`) {
			t.Fatalf("notifications of a new agency: %d %s", res.status, res.body)
		}
	})
}

// TestInputPostgreSQLCannotStoreIs422 sends what once reached PostgreSQL
// and came back as 500, and the decoding errors that once named Go types.
func TestInputPostgreSQLCannotStoreIs422(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	agencyOrg := s.id("SELECT organisation_id FROM users WHERE username = 'agency'")
	agency, regulator, anon := s.signIn("agency"), s.signIn("reg.zwfw"), s.anonymous()
	qualification := map[string]any{"typeId": 1, "levelCode": "A", "certificateNo": "X-1", "issuer": "云南省",
		"validFrom": "0000-01-01", "validTo": "2030-01-01", "scope": "", "fileId": 1}
	cases := []struct {
		name   string
		c      *client
		method string
		path   string
		body   any
		loc    string
		reason string
	}{
		{"NULInCatalogueQuery", anon, "GET", "/api/v1/catalog/items?q=a%00b", nil, "query.q", "nul_character"},
		{"NULInDirectoryQuery", anon, "GET", "/api/v1/directory/agencies?q=a%00b", nil, "query.q", "nul_character"},
		{"InvalidUTF8InQuery", anon, "GET", "/api/v1/directory/agencies?q=%ff%fe", nil, "query.q", "invalid_utf8"},
		{"NULInSignUp", anon, "POST", "/api/v1/agency-signups", `{"organisationName":"大理\u0000咨询","creditCode":"x","regionCode":"532901",` +
			`"contactName":"a","contactPhone":"1","username":"nul.user","displayName":"a","password":"password-123"}`, "body.organisationName", "nul_character"},
		{"NULInSignIn", anon, "POST", "/api/v1/auth/signin", `{"username":"ad\u0000min","password":"x"}`, "body.username", "nul_character"},
		{"YearZeroDate", agency, "POST", fmt.Sprintf("/api/v1/agencies/%d/qualifications", agencyOrg), qualification, "body.validFrom", "date_out_of_range"},
		{"YearZeroTime", regulator, "POST", fmt.Sprintf("/api/v1/agencies/%d/sanctions", agencyOrg),
			map[string]any{"kind": "suspension", "reason": "测试", "legalBasis": "测试", "endsAt": "0000-01-01T00:00:00Z"}, "body.endsAt", "date_out_of_range"},
		{"PageOverflow", anon, "GET", "/api/v1/directory/agencies?page=922337203685477581", nil, "query.page", "invalid"},
		{"IntegerOverflow", agency, "POST", fmt.Sprintf("/api/v1/agencies/%d/listings", agencyOrg),
			`{"itemId":1e30,"feeReference":"","commitment":""}`, "body.itemId", "invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.c.do(tc.method, tc.path, tc.body)
			var p struct {
				Errors []struct{ Location, Reason, Message string }
			}
			r.json(t, &p)
			if r.status != 422 || len(p.Errors) == 0 || p.Errors[0].Location != tc.loc || p.Errors[0].Reason != tc.reason {
				t.Fatalf("got %d %s, want 422 at %s (%s)", r.status, r.body, tc.loc, tc.reason)
			}
			for _, leak := range []string{"Go struct", "int64", "json:"} {
				if strings.Contains(r.body, leak) {
					t.Fatalf("the problem names %q: %s", leak, r.body)
				}
			}
		})
	}
}

// TestRateLimitsAreOperationMetadata: signing up and signing in are limited
// per address by what their operations declare, other operations are not.
func TestRateLimitsAreOperationMetadata(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	c := s.anonymous()
	for _, path := range []string{"/api/v1/agency-signups", "/api/v1/auth/signin"} {
		var r response
		for i := 0; i < 61; i++ {
			// An empty object is refused before any work (422) but counts.
			if r = c.do("POST", path, "{}"); r.status == 429 {
				break
			}
		}
		if r.status != 429 || !strings.Contains(r.body, `"reason":"rate_limited"`) || r.header.Get("Retry-After") == "" {
			t.Fatalf("%s after 61 calls: %d %s, want 429 rate_limited with Retry-After", path, r.status, r.body)
		}
	}
	if r := c.do("GET", "/api/v1/regions", nil); r.status != 200 {
		t.Fatalf("an operation without a limit: %d %s", r.status, r.body)
	}
}

// TestServedDocumentIsThePrintedOne: serve and openapi build the API from
// the same capability list, so the frontend's types describe what is served.
func TestServedDocumentIsThePrintedOne(t *testing.T) {
	t.Parallel()
	s := startServer(t)
	var buf bytes.Buffer
	if err := printOpenAPI(&buf); err != nil {
		t.Fatal(err)
	}
	var printed, served any
	if err := json.Unmarshal(buf.Bytes(), &printed); err != nil {
		t.Fatal(err)
	}
	r := s.anonymous().do("GET", "/api/v1/openapi.json", nil)
	r.json(t, &served)
	if !reflect.DeepEqual(printed, served) {
		t.Fatal("the served OpenAPI document differs from `intermart openapi`")
	}
}
