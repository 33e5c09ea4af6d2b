package catalog

import "github.com/uptrace/bun"

// The catalogue's requirements as relations, for a capability that checks
// them inside a statement of its own (one round trip instead of a query per
// requirement). Neither takes an argument, so a statement built around them
// keeps the same text and stays prepared.

// ItemRequirementsQuery is every item's requirements: item_id, type_id,
// min_level_code (what Needs reads for one item).
func ItemRequirementsQuery(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().TableExpr("service_item_requirements AS sir").
		ColumnExpr("sir.item_id, sir.type_id, sir.min_level_code")
}

// AcceptedLevelsQuery is Accepted for every level of every type: type_id,
// min_code (a required level) and code (a level that satisfies it: min_code
// itself and every higher one, Level.Satisfies). A type with no level
// min_code has no rows for it, so nothing satisfies such a requirement.
func AcceptedLevelsQuery(idb bun.IDB) *bun.SelectQuery {
	return idb.NewSelect().TableExpr("qualification_levels AS m").
		ColumnExpr("m.type_id, m.code AS min_code, l.code").
		Join("JOIN qualification_levels AS l ON l.type_id = m.type_id AND l.rank <= m.rank")
}
