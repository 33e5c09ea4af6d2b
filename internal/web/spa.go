package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// notBuilt is served when the binary was built before the frontend (a fresh
// clone before `make build`): the API works, and the page says how to get the UI.
const notBuilt = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>intermart</title>
<body style="font-family:sans-serif;margin:3em"><h1>大理州中介服务超市 · Dali Intermediary Services Marketplace</h1>
<p>网页界面尚未构建：请运行 <code>make build</code> 或 <code>make run</code>。</p>
<p>The web interface has not been built: run <code>make build</code> or <code>make run</code>.</p>
<p><a href="/api/v1/docs">API</a></p></body></html>`

// encodings are the precompressed variants the build writes beside a file
// (frontend/scripts/compress.mjs), in the order the server prefers them.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// SPA serves the embedded single-page app: files as they are, a folder's
// index.html for the folder's path (/directory), and index.html for every
// other path so the client-side router can take it.
//
// A file with a precompressed variant beside it (x.js.br, x.js.gz) is sent
// in the best encoding the request accepts, with Vary: Accept-Encoding. Files
// under assets/ carry a content hash in their names (Vite's contract), so they
// are cached for a year as immutable; everything else, index.html first, is
// revalidated on each use (no-cache, with an ETag).
func SPA(dist fs.FS) http.Handler {
	s := &spa{dist: dist}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(dist, name); err == nil && !st.IsDir() {
				s.serveFile(w, r, name)
				return
			} else if err == nil && !strings.HasPrefix(name, "assets") {
				// A page with its own first paint (directory/index.html for /directory,
				// written by frontend/build/shell.ts): the same app, another static shell.
				if st, err := fs.Stat(dist, name+"/index.html"); err == nil && !st.IsDir() {
					s.serveFile(w, r, name+"/index.html")
					return
				}
			}
			if strings.HasPrefix(name, "assets/") {
				http.NotFound(w, r)
				return
			}
		}
		if _, err := fs.Stat(dist, "index.html"); errors.Is(err, fs.ErrNotExist) {
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write([]byte(notBuilt))
			return
		}
		s.serveFile(w, r, "index.html")
	})
}

type spa struct {
	dist  fs.FS
	etags sync.Map // file name as stored → quoted ETag
}

// serveFile sends name, or its precompressed variant when the client takes it.
func (s *spa) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	h := w.Header()
	if strings.HasPrefix(name, "assets/") {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}

	stored, encoding, best := name, "", 0.0
	variants := false
	weight := encodingWeights(r.Header.Get("Accept-Encoding"))
	for _, e := range encodings {
		if _, err := fs.Stat(s.dist, name+e.suffix); err != nil {
			continue
		}
		variants = true
		if q := weight(e.name); q > best {
			stored, encoding, best = name+e.suffix, e.name, q
		}
	}
	if variants {
		h.Add("Vary", "Accept-Encoding")
	}

	f, err := s.dist.Open(stored)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	defer f.Close()
	content, ok := f.(io.ReadSeeker) // embedded files are; others are read whole
	if !ok {
		b, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		content = bytes.NewReader(b)
	}
	tag, err := s.etag(stored)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	h.Set("ETag", tag)
	h.Set("Content-Type", s.contentType(name))
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
	}
	// ServeContent answers conditional and range requests; the embedded files
	// have no modification time, so the ETag is what revalidation uses.
	http.ServeContent(w, r, name, time.Time{}, content)
}

// contentType names the type of the file as built (not of its compressed
// variant): from its extension, else sniffed from its first bytes.
func (s *spa) contentType(name string) string {
	if ext := path.Ext(name); ext == ".txt" {
		return "text/plain; charset=utf-8" // not in Go's built-in table; robots.txt
	} else if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	b, err := fs.ReadFile(s.dist, name)
	if err != nil {
		return "application/octet-stream"
	}
	return http.DetectContentType(b)
}

// etag is a strong validator for one stored file, computed once.
func (s *spa) etag(stored string) (string, error) {
	if v, ok := s.etags.Load(stored); ok {
		return v.(string), nil
	}
	content, err := fs.ReadFile(s.dist, stored)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(content)
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	s.etags.Store(stored, tag)
	return tag, nil
}

// encodingWeights parses an Accept-Encoding header (RFC 9110 §12.5.3) into
// the weight the client gives a content coding: 0 means it must not be sent.
// A coding the header omits gets the weight of "*", or 0 without one.
func encodingWeights(header string) func(coding string) float64 {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || f < 0 || f > 1 {
				f = 0 // an unreadable weight: do not guess
			}
			weight = f
		}
		q[coding] = weight
	}
	return func(coding string) float64 {
		if w, ok := q[coding]; ok {
			return w
		}
		return q["*"]
	}
}
