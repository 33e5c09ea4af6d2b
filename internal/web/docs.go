package web

import (
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// docsPage renders the OpenAPI document as a plain page. It is built on the
// server, with no scripts from elsewhere, so it works on a closed government
// network and under the strict Content-Security-Policy.
var docsPage = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}} — API</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:60em;padding:1em 2em;color:#1f1f1f}
h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
.op{border:1px solid #e5e5e5;border-radius:6px;margin:.8em 0;padding:.6em 1em}
.m{display:inline-block;min-width:4.5em;font-weight:700;font-family:monospace}
.GET{color:#1677ff}.POST{color:#389e0d}.PUT{color:#d48806}.DELETE{color:#cf1322}.PATCH{color:#531dab}
code{background:#f5f5f5;padding:0 .3em;border-radius:3px}
small{color:#666}
</style></head><body>
<h1>{{.Title}} <small>{{.Version}}</small></h1>
<p>{{.Description}}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a> · <a href="/api/v1/openapi.yaml">openapi.yaml</a> (OpenAPI 3.1).
Errors are <code>application/problem+json</code> (RFC 9457) with <code>code</code>, <code>reason</code> and per-field <code>errors[].location</code>/<code>reason</code>.</p>
{{range .Groups}}<h2>{{.Tag}}</h2>
{{range .Ops}}<div class="op"><span class="m {{.Method}}">{{.Method}}</span> <code>{{.Path}}</code> — {{.Summary}}
<br><small>operation <code>{{.ID}}</code>{{if .Body}} · body <code>{{.Body}}</code>{{end}}{{if .Params}} · parameters {{range .Params}}<code>{{.}}</code> {{end}}{{end}}</small>
{{if .Description}}<p>{{.Description}}</p>{{end}}</div>
{{end}}{{end}}
</body></html>`))

type docsOp struct {
	Method, Path, ID, Summary, Description, Body string
	Params                                       []string
}

type docsGroup struct {
	Tag string
	Ops []docsOp
}

// Docs serves a readable page describing every operation of api.
func Docs(api huma.API) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		oapi := api.OpenAPI()
		groups := map[string][]docsOp{}
		for p, item := range oapi.Paths {
			for method, op := range map[string]*huma.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete} {
				if op == nil {
					continue
				}
				d := docsOp{Method: method, Path: p, ID: op.OperationID, Summary: op.Summary, Description: op.Description}
				for _, prm := range op.Parameters {
					d.Params = append(d.Params, prm.In+"."+prm.Name)
				}
				if op.RequestBody != nil {
					if c := op.RequestBody.Content["application/json"]; c != nil && c.Schema != nil {
						d.Body = strings.TrimPrefix(c.Schema.Ref, "#/components/schemas/")
					}
				}
				tag := "other"
				if len(op.Tags) > 0 {
					tag = op.Tags[0]
				}
				groups[tag] = append(groups[tag], d)
			}
		}
		var data struct {
			Title, Version, Description string
			Groups                      []docsGroup
		}
		data.Title, data.Version, data.Description = oapi.Info.Title, oapi.Info.Version, oapi.Info.Description
		for tag, ops := range groups {
			sort.Slice(ops, func(i, j int) bool { return ops[i].Path+ops[i].Method < ops[j].Path+ops[j].Method })
			data.Groups = append(data.Groups, docsGroup{tag, ops})
		}
		sort.Slice(data.Groups, func(i, j int) bool { return data.Groups[i].Tag < data.Groups[j].Tag })
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = docsPage.Execute(w, data)
	})
}
