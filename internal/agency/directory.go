package agency

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/db"
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

// Directory searches the active agencies.
func (s *Service) Directory(ctx context.Context, f DirectoryFilter) (*DirectoryPage, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	today := clock.Today(now)
	if f.PageSize <= 0 {
		f.PageSize = 20
	}
	if f.Page <= 0 {
		f.Page = 1
	}
	where := func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("o.kind = 'agency' AND o.status = 'active'")
		if f.Query != "" {
			like := db.Contains(f.Query)
			q = q.Where("(o.name ILIKE ? OR o.credit_code ILIKE ?)", like, like)
		}
		if f.RegionCode != "" {
			q = q.Where("o.region_code = ?", f.RegionCode)
		}
		if f.ItemID != 0 {
			q = q.Where("EXISTS (SELECT 1 FROM listings l WHERE l.organisation_id = o.id AND l.item_id = ? AND l.approved_at IS NOT NULL)", f.ItemID)
		}
		if f.TypeID != 0 {
			level := "true"
			args := []any{f.TypeID, today}
			if f.LevelCode != "" {
				level = "ql.rank <= (SELECT rank FROM qualification_levels WHERE type_id = ? AND code = ?)"
				args = append(args, f.TypeID, f.LevelCode)
			}
			q = q.Where(`EXISTS (SELECT 1 FROM qualifications q
				JOIN qualification_levels ql ON ql.type_id = q.type_id AND ql.code = q.level_code
				WHERE q.organisation_id = o.id AND q.type_id = ? AND q.status = 'approved' AND q.valid_to >= ? AND `+level+`)`, args...)
		}
		return q
	}
	page := &DirectoryPage{Items: []DirectoryEntry{}}
	total, err := where(s.db.NewSelect().TableExpr("organisations AS o")).Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("count directory: %w", err)
	}
	page.Total = int(total)
	err = where(s.db.NewSelect().TableExpr("organisations AS o")).
		ColumnExpr("o.id, o.name, o.credit_code, o.region_code").
		ColumnExpr("(SELECT count(*) FROM listings l WHERE l.organisation_id = o.id AND l.approved_at IS NOT NULL) AS listings").
		ColumnExpr("(SELECT count(*) FROM qualifications q WHERE q.organisation_id = o.id AND q.status = 'approved' AND q.valid_to >= ?) AS valid_qualifications", today).
		ColumnExpr(`EXISTS (SELECT 1 FROM sanctions sn WHERE sn.organisation_id = o.id AND sn.lifted_at IS NULL
			AND sn.starts_at <= ? AND (sn.ends_at IS NULL OR sn.ends_at > ?)) AS sanctioned`, now, now).
		OrderExpr("o.name").Limit(int64(f.PageSize)).Offset(int64((f.Page-1)*f.PageSize)).
		Scan(ctx, &page.Items)
	if err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	return page, nil
}
