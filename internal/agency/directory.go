package agency

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// DirectoryFilter narrows the public directory.
type DirectoryFilter struct {
	Query      string `query:"q" maxLength:"100" doc:"Part of the name, or of the credit code"`
	ItemID     int64  `query:"itemId" doc:"Agencies with an approved listing of this item"`
	RegionCode string `query:"regionCode" maxLength:"6"`
	TypeID     int64  `query:"typeId" doc:"Agencies holding a valid qualification of this type"`
	LevelCode  string `query:"levelCode" maxLength:"20" doc:"…at this level or higher (with typeId)"`
	Page       int    `query:"page" minimum:"1" default:"1"`
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
type DirectoryPage struct {
	Items []DirectoryEntry `json:"items"`
	Total int              `json:"total"`
}

// AgencyPage is an agency's public page: only what was approved.
type AgencyPage struct {
	ID                  int64           `json:"id"`
	Name                string          `json:"name"`
	CreditCode          string          `json:"creditCode"`
	RegionCode          string          `json:"regionCode"`
	LegalRepresentative string          `json:"legalRepresentative"`
	Address             string          `json:"address"`
	Introduction        string          `json:"introduction"`
	ContactPhone        string          `json:"contactPhone"`
	Qualifications      []Qualification `json:"qualifications"`
	Listings            []Listing       `json:"listings"`
	Sanctions           []Sanction      `json:"sanctions"`
}

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
	// The page is cut first, with the count of every match alongside, so the
	// per-agency figures are computed for the page's rows only.
	matches := where(s.db.NewSelect().TableExpr("organisations AS o")).
		ColumnExpr("o.id, o.name, o.credit_code, o.region_code, count(*) OVER () AS total").
		OrderExpr("o.name").Limit(int64(f.PageSize)).Offset(int64((f.Page - 1) * f.PageSize))
	rows := make([]struct {
		DirectoryEntry
		Total int
	}, 0, f.PageSize)
	err = s.db.NewSelect().TableExpr("(?) AS o", matches).
		ColumnExpr("o.id, o.name, o.credit_code, o.region_code, o.total").
		ColumnExpr("(SELECT count(*) FROM listings l WHERE l.organisation_id = o.id AND l.approved_at IS NOT NULL) AS listings").
		ColumnExpr("(SELECT count(*) FROM qualifications q WHERE q.organisation_id = o.id AND q.status = 'approved' AND q.valid_to >= ?) AS valid_qualifications", today).
		ColumnExpr(`EXISTS (SELECT 1 FROM sanctions sn WHERE sn.organisation_id = o.id AND sn.lifted_at IS NULL
			AND sn.starts_at <= ? AND (sn.ends_at IS NULL OR sn.ends_at > ?)) AS sanctioned`, now, now).
		OrderExpr("o.name").
		Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("search directory: %w", err)
	}
	page := &DirectoryPage{Items: make([]DirectoryEntry, len(rows))}
	for i, r := range rows {
		page.Items[i], page.Total = r.DirectoryEntry, r.Total
	}
	if len(rows) == 0 && f.Page > 1 {
		// Past the last page the window counted nothing: count on its own.
		total, err := where(s.db.NewSelect().TableExpr("organisations AS o")).Count(ctx)
		if err != nil {
			return nil, fmt.Errorf("count directory: %w", err)
		}
		page.Total = int(total)
	}
	return page, nil
}

// PublicPage returns an active agency's public page.
func (s *Service) PublicPage(ctx context.Context, orgID int64) (*AgencyPage, error) {
	org, err := s.organisation(ctx, s.db, orgID)
	if err != nil {
		return nil, err
	}
	if org.Status != identity.StatusActive {
		return nil, errs.New(errs.NotFound, "agency_not_found", "no such agency")
	}
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	p, err := s.readProfile(ctx, orgID)
	if err != nil {
		return nil, err
	}
	page := &AgencyPage{ID: org.ID, Name: org.Name, CreditCode: org.CreditCode, RegionCode: org.RegionCode,
		LegalRepresentative: p.LegalRepresentative, Address: p.Address, Introduction: p.Introduction, ContactPhone: org.ContactPhone}
	if page.Qualifications, err = s.qualifications(ctx, orgID, clock.Today(now), true); err != nil {
		return nil, err
	}
	for i := range page.Qualifications {
		q := &page.Qualifications[i]
		q.FileID, q.FileName, q.FileType = 0, "", "" // scans are not public
	}
	if page.Listings, err = s.listings(ctx, s.db, orgID, true); err != nil {
		return nil, err
	}
	if page.Sanctions, err = s.sanctions(ctx, orgID, now); err != nil {
		return nil, err
	}
	return page, nil
}
