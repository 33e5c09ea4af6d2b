package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// built is a frontend build as `npm run build` leaves it: hashed assets with
// their brotli and gzip variants beside them, a small one without, public files.
var built = fstest.MapFS{
	"index.html":                {Data: []byte("<!doctype html><html lang=\"zh-CN\">index")},
	"index.html.br":             {Data: []byte("index-br")},
	"index.html.gz":             {Data: []byte("index-gz")},
	"directory/index.html":      {Data: []byte("<!doctype html><html lang=\"zh-CN\">directory")},
	"directory/index.html.br":   {Data: []byte("directory-br")},
	"assets/app-AbCd1234.js":    {Data: []byte("js-identity")},
	"assets/app-AbCd1234.js.br": {Data: []byte("js-br")},
	"assets/app-AbCd1234.js.gz": {Data: []byte("js-gz")},
	"assets/tiny-EfGh5678.css":  {Data: []byte("css-identity")},
	"robots.txt":                {Data: []byte("User-agent: *\nAllow: /\n")},
	"favicon.svg":               {Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")},
}

func TestSPA(t *testing.T) {
	const js, immutable = "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"
	tests := []struct {
		name, method, path, acceptEncoding string
		status                             int
		body, contentType, encoding, vary  string
		cacheControl                       string
	}{
		{"BrotliPreferred", "GET", "/assets/app-AbCd1234.js", "gzip, deflate, br, zstd", 200, "js-br", js, "br", "Accept-Encoding", immutable},
		{"GzipOnly", "GET", "/assets/app-AbCd1234.js", "gzip", 200, "js-gz", js, "gzip", "Accept-Encoding", immutable},
		{"NoAcceptEncoding", "GET", "/assets/app-AbCd1234.js", "", 200, "js-identity", js, "", "Accept-Encoding", immutable},
		{"Identity", "GET", "/assets/app-AbCd1234.js", "identity", 200, "js-identity", js, "", "Accept-Encoding", immutable},
		{"BrotliRefused", "GET", "/assets/app-AbCd1234.js", "br;q=0, gzip", 200, "js-gz", js, "gzip", "Accept-Encoding", immutable},
		{"HigherWeightWins", "GET", "/assets/app-AbCd1234.js", "br;q=0.5, gzip;q=1.0", 200, "js-gz", js, "gzip", "Accept-Encoding", immutable},
		{"Wildcard", "GET", "/assets/app-AbCd1234.js", "*", 200, "js-br", js, "br", "Accept-Encoding", immutable},
		{"WildcardRefused", "GET", "/assets/app-AbCd1234.js", "*;q=0", 200, "js-identity", js, "", "Accept-Encoding", immutable},
		{"UnreadableWeight", "GET", "/assets/app-AbCd1234.js", "br;q=high, GZIP", 200, "js-gz", js, "gzip", "Accept-Encoding", immutable},
		{"Head", "HEAD", "/assets/app-AbCd1234.js", "br", 200, "", js, "br", "Accept-Encoding", immutable},
		{"NoVariants", "GET", "/assets/tiny-EfGh5678.css", "br, gzip", 200, "css-identity", "text/css; charset=utf-8", "", "", immutable},
		{"MissingAsset", "GET", "/assets/gone-00000000.js", "br", 404, "404 page not found\n", "text/plain; charset=utf-8", "", "", ""},
		{"IndexCompressed", "GET", "/", "br", 200, "index-br", "text/html; charset=utf-8", "br", "Accept-Encoding", "no-cache"},
		{"IndexByName", "GET", "/index.html", "gzip", 200, "index-gz", "text/html; charset=utf-8", "gzip", "Accept-Encoding", "no-cache"},
		{"ClientRoute", "GET", "/directory/12", "", 200, "<!doctype html><html lang=\"zh-CN\">index", "text/html; charset=utf-8", "", "Accept-Encoding", "no-cache"},
		{"FolderShell", "GET", "/directory", "br", 200, "directory-br", "text/html; charset=utf-8", "br", "Accept-Encoding", "no-cache"},
		{"FolderShellSlash", "GET", "/directory/", "", 200, "<!doctype html><html lang=\"zh-CN\">directory", "text/html; charset=utf-8", "", "Accept-Encoding", "no-cache"},
		{"RobotsTxt", "GET", "/robots.txt", "br", 200, "User-agent: *\nAllow: /\n", "text/plain; charset=utf-8", "", "", "no-cache"},
		{"PublicFile", "GET", "/favicon.svg", "", 200, "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", "image/svg+xml", "", "", "no-cache"},
		{"MethodNotAllowed", "POST", "/", "", 405, "method not allowed\n", "text/plain; charset=utf-8", "", "", ""},
	}
	h := SPA(built)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.acceptEncoding != "" {
				req.Header.Set("Accept-Encoding", tt.acceptEncoding)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("status: got %d, want %d", res.StatusCode, tt.status)
			}
			if got := rec.Body.String(); got != tt.body {
				t.Errorf("body: got %q, want %q", got, tt.body)
			}
			for header, want := range map[string]string{
				"Content-Type": tt.contentType, "Content-Encoding": tt.encoding,
				"Vary": tt.vary, "Cache-Control": tt.cacheControl,
			} {
				if got := res.Header.Get(header); got != want {
					t.Errorf("%s: got %q, want %q", header, got, want)
				}
			}
		})
	}
}

// A cached copy is revalidated with its ETag, which differs per encoding (a
// brotli body is not a gzip body).
func TestSPARevalidation(t *testing.T) {
	h := SPA(built)
	get := func(acceptEncoding, ifNoneMatch string) *http.Response {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", acceptEncoding)
		if ifNoneMatch != "" {
			req.Header.Set("If-None-Match", ifNoneMatch)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	br, gz := get("br", "").Header.Get("ETag"), get("gzip", "").Header.Get("ETag")
	if br == "" || br == gz {
		t.Fatalf("ETags: br %q, gzip %q; want two different validators", br, gz)
	}
	if got := get("br", br).StatusCode; got != http.StatusNotModified {
		t.Errorf("revalidating with the brotli ETag: got %d, want 304", got)
	}
	if got := get("gzip", br).StatusCode; got != http.StatusOK {
		t.Errorf("revalidating a gzip request with the brotli ETag: got %d, want 200", got)
	}
}

// Before the first frontend build there is only dist/.keep: the page says how to build.
func TestSPANotBuilt(t *testing.T) {
	rec := httptest.NewRecorder()
	SPA(fstest.MapFS{".keep": {}}).ServeHTTP(rec, httptest.NewRequest("GET", "/workspace", nil))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("got %d %q, want 200 text/html", rec.Code, rec.Header().Get("Content-Type"))
	}
	if body := rec.Body.String(); !strings.Contains(body, "make build") {
		t.Errorf("body %q does not say how to build", body)
	}
}
