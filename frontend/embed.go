// Package frontend holds the browser UI (a Vite + React SPA) and exposes its built files.
//
// `npm run build` writes dist/; dist/.keep is committed so this package compiles on a fresh
// clone, in which case Dist serves an empty tree and the SPA handler has nothing to show.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built SPA rooted at dist/ (index.html, assets/…).
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub only fails on an invalid path; "dist" is a constant.
		panic(err)
	}
	return sub
}
