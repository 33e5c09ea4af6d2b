// Package migrations embeds the timestamped SQL migrations. See README.md:
// a migration that has landed is never edited; add a new one instead.
package migrations

import "embed"

// FS holds every *.up.sql and *.down.sql file of this folder.
//
//go:embed *.sql
var FS embed.FS
