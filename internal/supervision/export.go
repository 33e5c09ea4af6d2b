package supervision

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"intermart/internal/clock"
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
