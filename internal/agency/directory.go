package agency

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/identity"
	"intermart/internal/web"
)

// DirectoryFilter narrows the public directory.
type DirectoryFilter struct {
	Query      string `query:"q" maxLength:"100" doc:"Part of the name, or of the credit code"`
	ItemID     int64  `query:"itemId" doc:"Agencies with an approved listing of this item"`
	RegionCode string `query:"regionCode" maxLength:"6"`
	TypeID     int64  `query:"typeId" doc:"Agencies holding a valid qualification of this type"`
	LevelCode  string `query:"levelCode" maxLength:"20" doc:"…at this level or higher (with typeId)"`
	Page       int    `query:"page" minimum:"1" maximum:"100000" default:"1"`
	PageSize   int    `query:"pageSize" minimum:"1" maximum:"100" default:"20"`
}

// DirectoryEntry is one agency in the directory list.
type DirectoryEntry struct {
	ID                  int64  `json:"id"`
	Name                string `json:"name"`
	CreditCode          string `json:"creditCode"`
	RegionCode          string `json:"regionCode"`
	Listings            int    `json:"listings" doc:"Approved service listings"`
	ValidQualifications int    `json:"validQualifications"`
	Sanctioned          bool   `json:"sanctioned" doc:"A suspension or blacklisting is in force"`
}

// DirectoryPage is a page of the directory.
type DirectoryPage = web.List[DirectoryEntry]

// directorySQL holds the directory's statement for each filter it was built
// for (see Directory). Filters come from anyone, so it is emptied when it
// holds directorySQLMax of them.
var (
	directorySQL      sync.Map // DirectoryFilter → string
	directorySQLCount atomic.Int64
)

const directorySQLMax = 1000

// Directory searches the active agencies. The page and the number of
// matches come back from one statement that reads the clock itself: a public
// list page costs one round trip.
func (s *Service) Directory(ctx context.Context, f DirectoryFilter) (*DirectoryPage, error) {
	now, err := clock.Expr(ctx, s.clock, s.db)
	if err != nil {
		return nil, err
	}
	today := clock.TodayExpr(now)
	if f.PageSize <= 0 {
		f.PageSize = 20
	}
	if f.Page <= 0 {
		f.Page = 1
	}
	// Levels satisfying the required one come from the catalogue: an extra
	// round trip, only when the filter asks for a level.
	var levels []string
	if f.TypeID != 0 && f.LevelCode != "" {
		if levels, err = catalog.AcceptedLevels(ctx, s.db, f.TypeID, f.LevelCode); err != nil {
			return nil, err
		}
	}
	where := func(q *bun.SelectQuery) *bun.SelectQuery {
		if f.ItemID != 0 {
			q = q.Where("EXISTS (SELECT 1 FROM listings l WHERE l.organisation_id = o.id AND l.item_id = ? AND l.approved_at IS NOT NULL)", f.ItemID)
		}
		if f.TypeID != 0 {
			level := bun.SafeQuery("true")
			if f.LevelCode != "" {
				level = bun.SafeQuery("q.level_code IN (?)", bun.In(append(levels, "")))
			}
			q = q.Where(`EXISTS (SELECT 1 FROM qualifications q
				WHERE q.organisation_id = o.id AND q.type_id = ? AND qualification_counts(q, ?) AND ?)`, f.TypeID, today, level)
		}
		return q
	}
	agencies := func() *bun.SelectQuery {
		return s.db.NewSelect().TableExpr("(?) AS o", identity.AdmittedAgencies(s.db, f.Query, f.RegionCode))
	}
	// The statement's text depends only on the filter when the clock is the
	// database's and no level was looked up: it is built once and kept.
	keep := clock.InSQL(s.clock) && (f.TypeID == 0 || f.LevelCode == "")
	var query string
	if keep {
		if q, ok := directorySQL.Load(f); ok {
			query = q.(string)
		}
	}
	if query == "" {
		// The page is cut first, with the count of every match alongside,
		// so the per-agency figures are computed for the page's rows only.
		matches := where(agencies()).
			ColumnExpr("o.id, o.name, o.credit_code, o.region_code, count(*) OVER () AS total").
			OrderExpr("o.name").Limit(int64(f.PageSize)).Offset(int64((f.Page - 1) * f.PageSize))
		b, err := s.db.NewSelect().TableExpr("(?) AS o", matches).
			ColumnExpr("o.id, o.name, o.credit_code, o.region_code, o.total").
			ColumnExpr("(SELECT count(*) FROM listings l WHERE l.organisation_id = o.id AND l.approved_at IS NOT NULL) AS listings").
			ColumnExpr("(SELECT count(*) FROM qualifications q WHERE q.organisation_id = o.id AND qualification_counts(q, ?)) AS valid_qualifications", today).
			ColumnExpr("EXISTS (SELECT 1 FROM sanctions sn WHERE sn.organisation_id = o.id AND sanction_in_force(sn, ?)) AS sanctioned", now).
			OrderExpr("o.name").
			AppendQuery(s.db.QueryGen(), nil)
		if err != nil {
			return nil, fmt.Errorf("search directory: %w", err)
		}
		query = string(b)
		if keep {
			if directorySQLCount.Add(1) > directorySQLMax {
				directorySQL.Clear()
				directorySQLCount.Store(1)
			}
			directorySQL.Store(f, query)
		}
	}
	rows, err := s.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	defer rows.Close()
	// Scanned column by column into the page: no model to build per row.
	page := &DirectoryPage{Items: make([]DirectoryEntry, 0, f.PageSize)}
	for rows.Next() {
		var e DirectoryEntry
		if err := rows.Scan(&e.ID, &e.Name, &e.CreditCode, &e.RegionCode, &page.Total,
			&e.Listings, &e.ValidQualifications, &e.Sanctioned); err != nil {
			return nil, fmt.Errorf("search directory: %w", err)
		}
		page.Items = append(page.Items, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	if len(page.Items) == 0 && f.Page > 1 {
		// Past the last page the window counted nothing: count on its own.
		total, err := where(agencies()).Count(ctx)
		if err != nil {
			return nil, fmt.Errorf("count directory: %w", err)
		}
		page.Total = int(total)
	}
	return page, nil
}
