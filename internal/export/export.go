// Package export writes lists as Excel workbooks and CSV files, and answers
// them as downloads. It holds no business rule: every capability builds its
// Table (headings in the caller's language, only the rows the caller may
// see) and hands it here, so CSV and Excel always agree.
package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/xuri/excelize/v2"

	"intermart/internal/clock"
	"intermart/internal/errs"
)

// Table is a list as it is exported: one sheet of an Excel workbook, or
// one CSV file. Every list and the dashboard export through it, so the two
// formats always agree.
type Table struct {
	// Sheet names the workbook sheet (at most 31 characters, Excel's limit).
	Sheet   string
	Columns []string
	Rows    [][]any
}

// Fen is an amount of money in fen. Exported as yuan with exactly two
// decimals: the digits are formatted from the integer, never computed in
// floating point.
type Fen int64

// Yuan formats f as yuan, e.g. 472171 → "4721.71".
func (f Fen) Yuan() string {
	sign, n := "", int64(f)
	if n < 0 {
		sign, n = "-", -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}

// cellText is how a cell reads in CSV. Times are shown in Asia/Shanghai.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case Fen:
		return x.Yuan()
	case time.Time:
		return x.In(clock.Shanghai).Format("2006-01-02 15:04")
	case *time.Time:
		if x == nil {
			return ""
		}
		return x.In(clock.Shanghai).Format("2006-01-02 15:04")
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		if x {
			return "1"
		}
		return "0"
	default:
		return fmt.Sprint(x)
	}
}

// defuse keeps a spreadsheet from reading user text as a formula (CSV
// injection): text that starts like one gets a leading apostrophe.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes t as UTF-8 CSV with a byte-order mark, so Excel opens the
// Chinese text correctly.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = cellText(v)
			if _, isText := v.(string); isText {
				rec[i] = defuse(rec[i])
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the tables as the sheets of one Excel workbook. Money is
// a number cell with two decimals; its stored text is the exact yuan
// amount (a float64 formats back to the same shortest decimal).
func WriteXLSX(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := sheetName(t.Sheet, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		head := make([]any, len(t.Columns))
		for j, c := range t.Columns {
			head[j] = excelize.Cell{StyleID: bold, Value: c}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
		for r, row := range t.Rows {
			cells := make([]any, len(row))
			for j, v := range row {
				switch x := v.(type) {
				case Fen:
					y, _ := strconv.ParseFloat(x.Yuan(), 64)
					cells[j] = excelize.Cell{StyleID: money, Value: y}
				case int, int64:
					cells[j] = x
				case string:
					cells[j] = x // stored as text: never a formula
				default:
					cells[j] = cellText(v)
				}
			}
			addr, err := excelize.CoordinatesToCellName(1, r+2)
			if err != nil {
				return err
			}
			if err := sw.SetRow(addr, cells); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// sheetName keeps a sheet name within Excel's rules: at most 31
// characters, none of : \ / ? * [ ].
func sheetName(s string, i int) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	if s == "" {
		s = fmt.Sprintf("Sheet%d", i+1)
	}
	return s
}

// Content types of the exports.
const (
	ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ContentTypeCSV  = "text/csv; charset=utf-8"
)

// MaxRows bounds an exported list unless a capability sets its own: a
// longer list must be narrowed by its filters.
const MaxRows = 100000

// TooManyRows is the 422 answered when a list has more than limit rows.
// field names the filter that narrows it (e.g. "query.status").
func TooManyRows(field string, n, limit int) error {
	return errs.Field(field, "export_too_large",
		fmt.Sprintf("the list has %d rows, more than the %d an export holds: narrow it", n, limit))
}

// Download is an exported file: its bytes, with the headers that make the
// browser save it under its name. Return it from a huma handler.
type Download struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	CacheControl       string `header:"Cache-Control"`
	Body               []byte
}

// Operation documents o, an export in the format ext ("xlsx" or "csv"), as
// answering the file rather than JSON.
func Operation(o huma.Operation, ext string) huma.Operation {
	ct, what := ContentTypeXLSX, "The Excel workbook"
	if ext == "csv" {
		ct, what = "text/csv", "The CSV file (UTF-8)"
	}
	o.Responses = map[string]*huma.Response{"200": {Description: what,
		Content: map[string]*huma.MediaType{ct: {Schema: &huma.Schema{Type: "string", Format: "binary"}}}}}
	return o
}

// Answer writes t in the format ext ("xlsx" or "csv") as a download named
// name-YYYYMMDD.ext, the date being day (the marketplace's day) in Shanghai.
func Answer(t Table, name, ext string, day time.Time) (*Download, error) {
	var buf bytes.Buffer
	out := &Download{CacheControl: "no-store",
		ContentDisposition: fmt.Sprintf(`attachment; filename="%s-%s.%s"`, name, day.In(clock.Shanghai).Format("20060102"), ext)}
	switch ext {
	case "xlsx":
		out.ContentType = ContentTypeXLSX
		if err := WriteXLSX(&buf, t); err != nil {
			return nil, fmt.Errorf("write xlsx: %w", err)
		}
	case "csv":
		out.ContentType = ContentTypeCSV
		if err := WriteCSV(&buf, t); err != nil {
			return nil, fmt.Errorf("write csv: %w", err)
		}
	default:
		return nil, fmt.Errorf("export: unknown format %q", ext)
	}
	out.Body = buf.Bytes()
	return out, nil
}
