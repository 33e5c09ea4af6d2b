package agency

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/identity"
)

// The work queues of the agency capability besides the review queue: the
// regulators' list of agencies with their sanctions, and the qualifications
// about to expire. The workspace's to-do counts call these same functions,
// so a count always equals the rows of the queue it links to.

// ReviewFilter narrows the review queue.
type ReviewFilter struct {
	Subject string `query:"subject" enum:"profile,listing," doc:"Only applications (profile, with their qualifications) or only listings"`
}

// ReviewQueue is Queue narrowed by f: the rows of the review pages.
func (s *Service) ReviewQueue(ctx context.Context, p *authz.Principal, f ReviewFilter) ([]QueueEntry, error) {
	entries, err := s.Queue(ctx, p)
	if err != nil || f.Subject == "" {
		return entries, err
	}
	out := []QueueEntry{}
	for _, e := range entries {
		if e.Subject == f.Subject {
			out = append(out, e)
		}
	}
	return out, nil
}

// Sanction filters of the agencies' list.
const (
	SanctionNone    = "none"     // no sanction in force
	SanctionInForce = "in_force" // a suspension or blacklisting in force
)

// AgencyFilter narrows the regulators' list of agencies.
type AgencyFilter struct {
	Status   string `query:"status" enum:"active,pending_review," doc:"Only agencies admitted (active) or waiting for review"`
	Query    string `query:"q" maxLength:"100" doc:"Part of the name or credit code"`
	Sanction string `query:"sanction" enum:"none,in_force,suspension,blacklist," doc:"By the sanction in force now: none, any, or of this kind"`
}

// SanctionStatus is the sanction in force on an agency, as lists show it.
type SanctionStatus struct {
	ID       int64      `json:"id"`
	Kind     string     `json:"kind" enum:"suspension,blacklist"`
	Reason   string     `json:"reason"`
	StartsAt time.Time  `json:"startsAt"`
	EndsAt   *time.Time `json:"endsAt,omitempty" doc:"Absent for a blacklisting for good"`
}

// AgencyRow is an agency in the regulators' list.
type AgencyRow struct {
	ID         int64           `json:"id"`
	Name       string          `json:"name"`
	CreditCode string          `json:"creditCode"`
	RegionCode string          `json:"regionCode"`
	Status     string          `json:"status" enum:"active,pending_review"`
	CreatedAt  time.Time       `json:"createdAt"`
	Sanction   *SanctionStatus `json:"sanction,omitempty" doc:"The sanction in force now; a blacklisting outweighs a suspension"`
}

// Agencies lists the agencies matching f, by name, each with the sanction
// in force now.
func (s *Service) Agencies(ctx context.Context, f AgencyFilter) ([]AgencyRow, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	orgs, err := identity.Organisations(ctx, s.db, identity.OrganisationFilter{Kind: identity.KindAgency, Status: f.Status, Query: f.Query})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(orgs))
	for i := range orgs {
		ids[i] = orgs[i].ID
	}
	inForce, err := sanctionsInForce(ctx, s.db, ids, now)
	if err != nil {
		return nil, err
	}
	rows := []AgencyRow{}
	for _, o := range orgs {
		sn := inForce[o.ID]
		switch {
		case f.Sanction == SanctionNone && sn != nil,
			f.Sanction == SanctionInForce && sn == nil,
			(f.Sanction == Suspension || f.Sanction == Blacklist) && (sn == nil || sn.Kind != f.Sanction):
			continue
		}
		rows = append(rows, AgencyRow{ID: o.ID, Name: o.Name, CreditCode: o.CreditCode, RegionCode: o.RegionCode,
			Status: o.Status, CreatedAt: o.CreatedAt, Sanction: sn})
	}
	return rows, nil
}

// sanctionsInForce returns, for each of the agencies orgIDs under a sanction
// at now, the weightiest one: a blacklisting before a suspension, then the
// latest to end.
func sanctionsInForce(ctx context.Context, idb bun.IDB, orgIDs []int64, now time.Time) (map[int64]*SanctionStatus, error) {
	out := map[int64]*SanctionStatus{}
	if len(orgIDs) == 0 {
		return out, nil
	}
	var list []Sanction
	err := selectSanctions(idb, &list, now).Where("s.organisation_id IN (?)", bun.In(orgIDs)).Where("sanction_in_force(s, ?)", now).
		OrderExpr("s.kind = 'blacklist' DESC, s.ends_at DESC NULLS FIRST, s.id DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("sanctions in force: %w", err)
	}
	for _, sn := range list {
		if _, seen := out[sn.OrganisationID]; !seen {
			out[sn.OrganisationID] = &SanctionStatus{ID: sn.ID, Kind: sn.Kind, Reason: sn.Reason, StartsAt: sn.StartsAt, EndsAt: sn.EndsAt}
		}
	}
	return out, nil
}

// ExpiringQualification is an approved qualification that stops counting
// within the notice period, for the agency holding it and its regulators.
type ExpiringQualification struct {
	ID               int64  `json:"id"`
	OrganisationID   int64  `json:"organisationId"`
	OrganisationName string `json:"organisationName"`
	CertificateNo    string `json:"certificateNo"`
	TypeNameZH       string `json:"typeNameZh"`
	TypeNameEN       string `json:"typeNameEn"`
	LevelNameZH      string `json:"levelNameZh"`
	LevelNameEN      string `json:"levelNameEn"`
	ValidTo          string `json:"validTo" format:"date"`
	DaysLeft         int    `json:"daysLeft" doc:"Days from today (Asia/Shanghai) to the valid-to day; 0 on the last valid day"`
}

// expiringWhere selects the qualifications an agency is warned about on
// day today: approved and counting, and ending within ExpiryNotice.
func expiringWhere(today time.Time) (string, []any) {
	return "qualification_counts(q, ?::date) AND q.valid_to <= ?::date", []any{today, today.Add(ExpiryNotice)}
}

// ExpiringQualifications lists the qualifications expiring within the
// notice period, soonest first: an agency's own, or every agency's for
// regulators and the platform admin.
func (s *Service) ExpiringQualifications(ctx context.Context, p *authz.Principal) ([]ExpiringQualification, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	today := clock.Today(now)
	var quals []Qualification
	where, args := expiringWhere(today)
	q := s.db.NewSelect().Model(&quals).Where(where, args...).OrderExpr("q.valid_to, q.id")
	if p.Role != authz.Regulator && p.Role != authz.PlatformAdmin {
		q = q.Where("q.organisation_id = ?", p.OrgID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("expiring qualifications: %w", err)
	}
	typeIDs := make([]int64, len(quals))
	orgIDs := make([]int64, len(quals))
	for i := range quals {
		typeIDs[i], orgIDs[i] = quals[i].TypeID, quals[i].OrganisationID
	}
	types, err := catalog.Types(ctx, s.db, typeIDs)
	if err != nil {
		return nil, err
	}
	names, err := identity.OrganisationNames(ctx, s.db, orgIDs)
	if err != nil {
		return nil, err
	}
	out := make([]ExpiringQualification, len(quals))
	for i, q := range quals {
		t := types[q.TypeID]
		e := ExpiringQualification{ID: q.ID, OrganisationID: q.OrganisationID, OrganisationName: names[q.OrganisationID],
			CertificateNo: q.CertificateNo, TypeNameZH: t.NameZH, TypeNameEN: t.NameEN,
			ValidTo: q.ValidTo.Format(dateLayout), DaysLeft: int(q.ValidTo.Sub(today).Hours() / 24)}
		for _, l := range t.Levels {
			if l.Code == q.LevelCode {
				e.LevelNameZH, e.LevelNameEN = l.NameZH, l.NameEN
			}
		}
		out[i] = e
	}
	return out, nil
}

// Returned counts what was sent back to the agency in its application:
// the profile, qualifications and listing changes rejected and not yet
// corrected — the rows the application page marks returned.
func Returned(app *Application) int {
	n := 0
	if app.Profile.Status == StatusRejected {
		n++
	}
	for _, q := range app.Qualifications {
		if q.Status == StatusRejected {
			n++
		}
	}
	for _, l := range app.Listings {
		if l.PendingStatus != nil && *l.PendingStatus == StatusRejected {
			n++
		}
	}
	return n
}
