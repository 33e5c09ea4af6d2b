package contract_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"intermart/internal/authz"
	"intermart/internal/contract"
	"intermart/internal/errs"
	"intermart/internal/export"
	"intermart/internal/identity"
)

// TestContractExports reads the contract list's and the performance view's
// exports back: Excel and CSV agree with the list, an owner's holds only its
// own contracts, headings follow the caller's language, and a list over the
// row limit is refused with a 422.
func TestContractExports(t *testing.T) {
	w := newWorld(t)
	c := w.contractOf(false)
	owner, _ := w.active(c)
	regulator := &authz.Principal{UserID: w.id("SELECT min(u.id) FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE o.kind = 'regulator'"),
		OrgID: w.id("SELECT min(id) FROM organisations WHERE kind = 'regulator'"), Role: "regulator", OrgKind: identity.KindRegulator}

	// The owner's export: exactly its own contracts, the list's rows.
	mine, err := w.svc.List(ctx, owner, contract.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total := w.id("SELECT count(*) FROM contracts"); int64(len(mine)) >= total {
		t.Fatalf("the owner sees %d of %d contracts: the test needs other owners' contracts", len(mine), total)
	}
	tab, err := w.svc.ContractsTable(ctx, owner, contract.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var x bytes.Buffer
	if err := export.WriteXLSX(&x, tab); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(mine)+1 || rows[0][0] != "合同编号" || f.GetSheetName(0) != "合同" {
		t.Fatalf("xlsx: %d rows (want %d + heading), heading %v, sheet %q", len(rows), len(mine), rows[0], f.GetSheetName(0))
	}
	codes := map[string]bool{}
	for _, r := range rows[1:] {
		codes[r[0]] = true
	}
	for _, m := range mine {
		if !codes[m.Code] {
			t.Errorf("the owner's contract %s is missing from its export", m.Code)
		}
	}
	// The activated contract's row: status in words, the price in yuan to the fen.
	for _, r := range rows[1:] {
		if r[0] != c.Code {
			continue
		}
		if r[6] != "履约中" || r[8] != rawYuan(*c.PriceFen) || r[3] == "" {
			t.Errorf("row of %s: %v (want 履约中, price %s)", c.Code, r, export.Fen(*c.PriceFen).Yuan())
		}
	}

	// CSV: the same rows, in English for an English-speaking caller.
	owner.Language = identity.LangEN
	tab, err = w.svc.ContractsTable(ctx, owner, contract.ContractFilter{Status: contract.StatusActive})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := export.WriteCSV(&b, tab); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "Contract code" || len(recs) < 2 {
		t.Fatalf("csv: %v", recs)
	}
	for _, r := range recs[1:] {
		if r[6] != "Active" || !codes[r[0]] {
			t.Errorf("csv row %v: want only the owner's active contracts", r)
		}
	}

	// The regulators' performance view: every contract; owners may not.
	perf, err := w.svc.PerformanceTable(ctx, regulator, contract.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(perf.Rows)) != w.id("SELECT count(*) FROM contracts") || perf.Columns[9] != "已用工作日" {
		t.Errorf("performance export: %d rows, columns %v", len(perf.Rows), perf.Columns)
	}
	if _, err := w.svc.PerformanceTable(ctx, owner, contract.ContractFilter{}); err == nil {
		t.Error("an owner exported the regulators' performance view")
	}

	// Over the row limit: a 422 that says to narrow the list.
	defer contract.SetExportLimit(1)()
	_, err = w.svc.ContractsTable(ctx, regulator, contract.ContractFilter{})
	wantReason(t, err, errs.Invalid, "export_too_large")
	_, err = w.svc.PerformanceTable(ctx, regulator, contract.ContractFilter{})
	wantReason(t, err, errs.Invalid, "export_too_large")
}

// rawYuan is how Excel stores an amount of fen: the shortest decimal, e.g.
// 234000.00 → "234000", 4721.70 → "4721.7".
func rawYuan(fen int64) string {
	y := export.Fen(fen).Yuan()
	return strings.TrimSuffix(strings.TrimRight(y, "0"), ".")
}
