package agency

import (
	"strings"
	"sync"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/identity"
)

// Eligibility in SQL: the same rules as Eligibility, as expressions a
// capability puts into a statement of its own, so deciding eligibility
// inside a transaction costs one round trip whatever the item requires.
// Their text depends only on the SQL expressions passed in (parameters or
// columns), so a statement built from them stays prepared.

type relations struct{ admitted, needs, accepted string }

var (
	relationsOnce sync.Once
	relationsText relations
)

func relationsOf(idb bun.IDB) relations {
	relationsOnce.Do(func() {
		relationsText = relations{
			admitted: identity.AdmittedAgencies(idb, "", "").String(),
			needs:    catalog.ItemRequirementsQuery(idb).String(),
			accepted: catalog.AcceptedLevelsQuery(idb).String(),
		}
	})
	return relationsText
}

// QualifiedSQL is a boolean SQL expression: agency org holds on day today
// a qualification that counts (qualification_counts) of type typ at a level
// accepted for a requirement of level minLevel (catalog's accepted levels).
// Holds, for a requirement given by its minimum level.
func QualifiedSQL(idb bun.IDB, org, typ, minLevel, today string) string {
	r := relationsOf(idb)
	return "EXISTS (SELECT 1 FROM qualifications AS q JOIN (" + r.accepted + ") AS acc ON acc.type_id = q.type_id AND acc.code = q.level_code" +
		" WHERE q.organisation_id = " + org + " AND acc.type_id = " + typ + " AND acc.min_code = " + minLevel +
		" AND qualification_counts(q, " + today + "))"
}

// EligibilitySQL is Eligibility as a SQL expression of type text[]: why
// agency org may not compete for item at time at, in Eligibility's order,
// empty when it may.
func EligibilitySQL(idb bun.IDB, org, item, at string) string {
	r := relationsOf(idb)
	today := "((" + at + ") AT TIME ZONE 'Asia/Shanghai')::date"
	var b strings.Builder
	b.WriteString("array_remove(ARRAY[")
	b.WriteString("CASE WHEN NOT EXISTS (SELECT 1 FROM (" + r.admitted + ") AS adm WHERE adm.id = " + org + ") THEN '" + NotApproved + "' END, ")
	b.WriteString("CASE WHEN EXISTS (SELECT 1 FROM sanctions AS s WHERE s.organisation_id = " + org + " AND sanction_in_force(s, " + at + ")) THEN '" + Sanctioned + "' END, ")
	b.WriteString("CASE WHEN NOT EXISTS (SELECT 1 FROM listings AS li WHERE li.organisation_id = " + org + " AND li.item_id = " + item +
		" AND li.approved_at IS NOT NULL) THEN '" + NoApprovedListing + "' END, ")
	b.WriteString("CASE WHEN EXISTS (SELECT 1 FROM (" + r.needs + ") AS nd WHERE nd.item_id = " + item + " AND NOT " +
		QualifiedSQL(idb, org, "nd.type_id", "nd.min_level_code", today) + ") THEN '" + NotQualified + "' END")
	b.WriteString("]::text[], NULL)")
	return b.String()
}
