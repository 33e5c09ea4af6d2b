package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestExportsAgree(t *testing.T) {
	tab := Table{Sheet: "统计/2016", Columns: []string{"名称", "金额（元）", "件数"},
		Rows: [][]any{{"环境影响评价", Fen(472171), int64(3)}, {"=HYPERLINK(\"x\")", Fen(-5), 0}}}
	var c bytes.Buffer
	if err := WriteCSV(&c, tab); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF名称,金额（元）,件数\n环境影响评价,4721.71,3\n\"'=HYPERLINK(\"\"x\"\")\",-0.05,0\n"
	if c.String() != want {
		t.Errorf("csv:\n%q\nwant\n%q", c.String(), want)
	}
	var x bytes.Buffer
	if err := WriteXLSX(&x, tab); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if strings.ContainsAny(sheet, "/") {
		t.Errorf("sheet name %q keeps a character Excel refuses", sheet)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][1] != "4721.71" || rows[2][1] != "-0.05" || rows[1][2] != "3" {
		t.Errorf("xlsx money and counts: %v", rows)
	}
	if formula, _ := f.GetCellFormula(sheet, "A3"); formula != "" {
		t.Errorf("user text became a formula: %q", formula)
	}
}
