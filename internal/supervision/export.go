package supervision

import (
	"io"

	"intermart/internal/export"
)

// The export writer lives in internal/export, so capabilities below
// supervision can use it too; these names keep supervision's callers as
// they were.
type (
	// Table is a list as it is exported (see export.Table).
	Table = export.Table
	// Fen is an amount of money in fen, exported as yuan (see export.Fen).
	Fen = export.Fen
)

// WriteCSV writes t as UTF-8 CSV with a byte-order mark (see export.WriteCSV).
func WriteCSV(w io.Writer, t Table) error { return export.WriteCSV(w, t) }

// WriteXLSX writes the tables as one Excel workbook (see export.WriteXLSX).
func WriteXLSX(w io.Writer, tables ...Table) error { return export.WriteXLSX(w, tables...) }
