package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// tableOwners says which capability owns each table, view and SQL function
// of the schema. Only the owner's SQL may name it; every other capability
// calls the owner's exported functions (taking a bun.IDB, so they run in the
// caller's transaction).
var tableOwners = map[string]string{
	// identity
	"regions":              "identity",
	"organisations":        "identity",
	"users":                "identity",
	"sessions":             "identity",
	"sign_in_failures":     "identity",
	"organisation_changes": "identity",
	// catalog
	"service_categories":        "catalog",
	"qualification_types":       "catalog",
	"qualification_levels":      "catalog",
	"service_items":             "catalog",
	"service_item_requirements": "catalog",
	// files
	"files":          "files",
	"file_downloads": "files",
	// agency
	"agency_profiles": "agency",
	"qualifications":  "agency",
	"practitioners":   "agency",
	"listings":        "agency",
	"review_events":   "agency",
	"sanctions":       "agency",
	"notifications":   "agency",
	// agency's rules (SQL functions)
	"sanction_in_force":     "agency",
	"qualification_expired": "agency",
	"qualification_counts":  "agency",
	// procurement
	"procurement_rules":         "procurement",
	"projects":                  "procurement",
	"project_services":          "procurement",
	"announcements":             "procurement",
	"announcement_requirements": "procurement",
	"announcement_avoidances":   "procurement",
	"announcement_files":        "procurement",
	"registrations":             "procurement",
	"registration_requests":     "procurement",
	"selections":                "procurement",
	"objections":                "procurement",
	// procurement: announcement codes
	"announcement_code_counters": "procurement",
	// contract
	"contract_rules":          "contract",
	"contracts":               "contract",
	"contract_amendments":     "contract",
	"milestones":              "contract",
	"contract_payments":       "contract",
	"submissions":             "contract",
	"submission_files":        "contract",
	"acceptance_certificates": "contract",
	"agency_ratings":          "contract",
	"owner_ratings":           "contract",
	"credit_scores":           "contract",
	// audit
	"audit_events":              "audit",
	"audit_chains":              "audit",
	"audit_events_append_only":  "audit",
	"audit_chains_forward_only": "audit",
	// workdays (the working-day calendar)
	"workday_exceptions": "workdays",
	"workday_changes":    "workdays",
	// the training clock: its offset and moves; the marketplace time in SQL
	"training_clock":       "trainingclock",
	"training_clock_moves": "trainingclock",
	"marketplace_now":      "clock",
	// supervision: the dashboard's facts
	"supervision_facts": "supervision",
	// supervision: red flags
	"red_flags": "supervision",
	// supervision: early warnings
	"warning_rules": "supervision",
	"warnings":      "supervision",
	// supervision: complaints (投诉)
	"complaints":         "supervision",
	"complaint_files":    "supervision",
	"complaint_messages": "supervision",
	// contract: upheld complaints in the credit score
	"credit_complaints": "contract",
	// supervision: the dashboard's summaries, kept by triggers on the facts
	"supervision_months":        "supervision",
	"supervision_month_keys":    "supervision",
	"supervision_day_keys":      "supervision",
	"supervision_months_apply":  "supervision",
	"supervision_summaries_add": "supervision",
	// supervision: the red flags' thresholds
	"red_flag_settings": "supervision",
}

// sqlTable finds the table a SQL keyword introduces: FROM x, JOIN x,
// UPDATE x, INSERT INTO x, TABLE x (and ONLY x).
var sqlTable = regexp.MustCompile(`(?i)\b(?:from|join|update|into|table)\s+(?:only\s+)?([a-z_][a-z0-9_]*)`)

// tableExpr is a bun TableExpr/Join argument that starts with a table name:
// "organisations AS o".
var tableExpr = regexp.MustCompile(`(?i)^\s*([a-z_][a-z0-9_]*)(?:\s+(?:as\s+)?[a-z_][a-z0-9_]*)?\s*$`)

// sqlCall finds a call of one of the schema's SQL functions: sanction_in_force(…).
var sqlCall = regexp.MustCompile(`\b([a-z_][a-z0-9_]*)\s*\(`)

// violation is one place where a capability names what another owns.
type violation struct{ where, name, owner string }

// capabilityViolations parses the Go source of every capability package and
// lists the tables of other capabilities its SQL strings and bun models name.
func capabilityViolations(t *testing.T, root string) []violation {
	t.Helper()
	owners := map[string]bool{}
	for _, o := range tableOwners {
		owners[o] = true
	}
	// Bun models by package: the exported types with a table: tag.
	models := map[string]map[string]string{} // package → type → table
	var out []violation
	for pkg := range owners {
		dir := filepath.Join(root, "internal", pkg)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatalf("capability %s: %v", pkg, err)
		}
		models[pkg] = map[string]string{}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, fileViolations(pkg, name, f, models[pkg])...)
		}
	}
	// Another capability's bun model used in a function body reads or
	// writes its table.
	for pkg := range owners {
		dir := filepath.Join(root, "internal", pkg)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			imports := map[string]string{} // local name → capability
			for _, im := range f.Imports {
				path, _ := strconv.Unquote(im.Path.Value)
				other := strings.TrimPrefix(path, "intermart/internal/")
				if other == path || !owners[other] || other == pkg {
					continue
				}
				local := other
				if im.Name != nil {
					local = im.Name.Name
				}
				imports[local] = other
			}
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				where := pkg + "/" + name + ":" + fn.Name.Name
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					sel, ok := n.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					id, ok := sel.X.(*ast.Ident)
					if !ok {
						return true
					}
					if other, ok := imports[id.Name]; ok {
						if table, ok := models[other][sel.Sel.Name]; ok {
							out = append(out, violation{where, id.Name + "." + sel.Sel.Name + " (" + table + ")", other})
						}
					}
					return true
				})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].where+out[i].name < out[j].where+out[j].name })
	return out
}

// fileViolations checks one file's string literals (SQL) and bun table tags,
// and records the bun models it declares.
func fileViolations(pkg, name string, f *ast.File, models map[string]string) []violation {
	var out []violation
	check := func(where, sql string) {
		names := map[string]bool{}
		for _, m := range sqlTable.FindAllStringSubmatch(sql, -1) {
			names[strings.ToLower(m[1])] = true
		}
		if m := tableExpr.FindStringSubmatch(sql); m != nil {
			names[strings.ToLower(m[1])] = true
		}
		for _, m := range sqlCall.FindAllStringSubmatch(sql, -1) {
			names[m[1]] = true
		}
		for n := range names {
			if owner, ok := tableOwners[n]; ok && owner != pkg {
				out = append(out, violation{where, n, owner})
			}
		}
	}
	// Struct tags: bun:"table:x" declares a model of table x.
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return true
		}
		for _, field := range st.Fields.List {
			if field.Tag == nil {
				continue
			}
			tag, _ := strconv.Unquote(field.Tag.Value)
			for _, part := range strings.Split(reflect.StructTag(tag).Get("bun"), ",") {
				if table, ok := strings.CutPrefix(part, "table:"); ok {
					models[ts.Name.Name] = table
					check(pkg+"/"+name+":"+ts.Name.Name, "TABLE "+table)
				}
			}
		}
		return true
	})
	// String literals inside functions and package-level declarations,
	// except struct tags.
	tags := map[*ast.BasicLit]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if field, ok := n.(*ast.Field); ok && field.Tag != nil {
			tags[field.Tag] = true
		}
		return true
	})
	for _, decl := range f.Decls {
		where := pkg + "/" + name
		if fn, ok := decl.(*ast.FuncDecl); ok {
			where += ":" + fn.Name.Name
		}
		ast.Inspect(decl, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING || tags[lit] {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			check(where, s)
			return true
		})
	}
	return out
}

// TestCapabilitiesOwnTheirTables fails when a capability's SQL (string
// literals, bun table tags, another capability's bun models) names a table
// another capability owns.
func TestCapabilitiesOwnTheirTables(t *testing.T) {
	t.Parallel()
	for _, v := range capabilityViolations(t, filepath.Join("..", "..")) {
		t.Errorf("%s names %s, owned by %s: call %s's exported functions instead", v.where, v.name, v.owner, v.owner)
	}
}

// createdObject finds the tables, views and functions a migration creates.
var createdObject = regexp.MustCompile(`(?i)\bcreate\s+(?:or\s+replace\s+)?(?:table|view|materialized\s+view|function)\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)`)

// TestEveryTableHasAnOwner fails when a migration creates a table (or view
// or function) missing from tableOwners.
func TestEveryTableHasAnOwner(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("..", "..", "migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations found: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range createdObject.FindAllStringSubmatch(string(b), -1) {
			if _, ok := tableOwners[strings.ToLower(m[1])]; !ok {
				t.Errorf("%s creates %s, which has no owner in tableOwners", filepath.Base(file), m[1])
			}
		}
	}
}

// ruleSpellings are ways of writing a business rule out by hand instead of
// using its one definition. Each may appear only where the rule is defined.
var ruleSpellings = []struct {
	rule    string
	pattern *regexp.Regexp
	defined map[string]bool // file:function allowed to spell it
}{
	{"sanction in force: use sanction_in_force(s, at)", regexp.MustCompile(`(?i)lifted_at\s+is\s+null|LiftedAt\s*==\s*nil\s*&&`),
		map[string]bool{"agency/agency.go:inForce": true}},
	{"qualification expiry: use qualification_expired / qualification_counts", regexp.MustCompile(`(?i)valid_to\s*(>=|<\s)|ValidTo\.(Before|After)\(`), nil},
	{"qualification level: use catalog's accepted levels (Level.Satisfies)", regexp.MustCompile(`(?i)\brank\s*(<=|>=|<|>)\s*[a-z?(]|\.Rank\s*(<=|>=)`),
		map[string]bool{"catalog/catalog.go:Satisfies": true, "catalog/requirements_sql.go:AcceptedLevelsQuery": true}},
	{"agency approved: use identity's admission (Organisation.Admitted)", regexp.MustCompile(`(?i)agency_profiles[^;]*status\s*=\s*'approved'|status\s*=\s*'active'`),
		map[string]bool{"identity/organisations.go:PortalSummary": true}},
}

// TestRulesDefinedOnce fails when a capability spells out one of the rules
// above, in SQL or Go, outside its definition.
func TestRulesDefinedOnce(t *testing.T) {
	t.Parallel()
	owners := map[string]bool{}
	for _, o := range tableOwners {
		owners[o] = true
	}
	for pkg := range owners {
		dir := filepath.Join("..", "..", "internal", pkg)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			for _, decl := range f.Decls {
				where := pkg + "/" + name
				if fn, ok := decl.(*ast.FuncDecl); ok {
					where += ":" + fn.Name.Name
				}
				code := string(src[fset.Position(decl.Pos()).Offset:fset.Position(decl.End()).Offset])
				for _, r := range ruleSpellings {
					if r.defined[where] {
						continue
					}
					if m := r.pattern.FindString(code); m != "" {
						t.Errorf("%s spells out %q (%s)", where, m, r.rule)
					}
				}
			}
		}
	}
}
