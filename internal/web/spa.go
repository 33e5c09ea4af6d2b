package web

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// notBuilt is served when the binary was built before the frontend (a fresh
// clone before `make build`): the API works, and the page says how to get the UI.
const notBuilt = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>intermart</title>
<body style="font-family:sans-serif;margin:3em"><h1>大理州中介服务超市 · Dali Intermediary Services Marketplace</h1>
<p>网页界面尚未构建：请运行 <code>make build</code> 或 <code>make run</code>。</p>
<p>The web interface has not been built: run <code>make build</code> or <code>make run</code>.</p>
<p><a href="/api/v1/docs">API</a></p></body></html>`

// SPA serves the embedded single-page app: files as they are (hashed assets
// cached for a year), and index.html for every other path so the client-side
// router can take it.
func SPA(dist fs.FS) http.Handler {
	files := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if st, err := fs.Stat(dist, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					w.Header().Set("Cache-Control", "no-cache")
				}
				files.ServeHTTP(w, r)
				return
			}
			if strings.HasPrefix(name, "assets/") {
				http.NotFound(w, r)
				return
			}
		}
		index, err := fs.ReadFile(dist, "index.html")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if errors.Is(err, fs.ErrNotExist) {
			_, _ = w.Write([]byte(notBuilt))
			return
		}
		if err != nil {
			http.Error(w, "cannot read index.html", http.StatusInternalServerError)
			return
		}
		_, _ = w.Write(index)
	})
}
