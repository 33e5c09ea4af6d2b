package agency

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/db"
	"intermart/internal/identity"
)

// The agency's rules, each defined once. The SQL ones are functions of the
// schema (migrations/20261130100000_agency_rules.tx.up.sql) that every query
// calls with the marketplace clock's time:
//
//   - sanction_in_force(s, at): a sanction binds at a moment;
//   - qualification_expired(q, today) and qualification_counts(q, today):
//     a qualification is past its valid-to day, or approved and valid;
//   - a qualification satisfies a required level when its level is one of
//     catalog's accepted levels for it (catalog.Level.Satisfies);
//   - an agency is approved when identity admitted its organisation
//     (identity.Organisation.Admitted), set when its application is approved.

// Reasons an agency may not register for an announcement of an item.
const (
	NotApproved       = "agency_not_approved"
	Sanctioned        = "agency_sanctioned"
	NoApprovedListing = "no_approved_listing"
	NotQualified      = "not_qualified"
)

// Eligibility says whether agency orgID may compete for item itemID at now,
// and if not, why (an empty list means it may). Qualifications that expired
// and sanctions that ended count as such from that moment, with nobody
// acting. It runs in the caller's transaction: registration checks it in
// the same transaction as the deadline.
func Eligibility(ctx context.Context, idb bun.IDB, orgID, itemID int64, now time.Time) ([]string, error) {
	var list string
	err := db.PreparedOf(idb).QueryRowContext(ctx, eligibilityStatement(idb), orgID, itemID, now).Scan(&list)
	if err != nil {
		return nil, fmt.Errorf("eligibility of agency %d for item %d: %w", orgID, itemID, err)
	}
	return SplitReasons(list), nil
}

// eligibilityStatement is Eligibility's one statement: EligibilitySQL of
// the parameters, its reasons joined by commas.
func eligibilityStatement(idb bun.IDB) string {
	eligibilityOnce.Do(func() {
		eligibilityText = "SELECT array_to_string(" + EligibilitySQL(idb, "$1::bigint", "$2::bigint", "$3::timestamptz") + ", ',')"
	})
	return eligibilityText
}

var (
	eligibilityOnce sync.Once
	eligibilityText string
)

// SplitReasons reads reasons joined by commas (array_to_string of
// EligibilitySQL), never nil.
func SplitReasons(list string) []string {
	if list == "" {
		return []string{}
	}
	return strings.Split(list, ",")
}

// Eligibility says whether an agency may compete for an item now, by the
// service's clock.
func (s *Service) Eligibility(ctx context.Context, orgID, itemID int64) ([]string, error) {
	now, err := s.clock.Now(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return Eligibility(ctx, s.db, orgID, itemID, now)
}

// approved reports whether agency orgID was approved: the one status is
// its organisation's admission, kept by identity.
func approved(ctx context.Context, idb bun.IDB, orgID int64) (bool, error) {
	org, err := identity.FindOrganisation(ctx, idb, orgID, false)
	if err != nil {
		return false, err
	}
	return org.Kind == identity.KindAgency && org.Admitted(), nil
}

// missingQualifications returns the qualification types an agency lacks for
// an item on day today: for each requirement, a qualification of the type
// at an accepted level that has not expired — approved (countsOnly), or
// approved, submitted or still a draft (an application being prepared).
func missingQualifications(ctx context.Context, idb bun.IDB, orgID, itemID int64, today time.Time, countsOnly bool) ([]int64, error) {
	needs, err := catalog.Needs(ctx, idb, itemID)
	if err != nil {
		return nil, err
	}
	held := "qualification_counts(q, ?)"
	if !countsOnly {
		held = "q.status <> 'rejected' AND NOT qualification_expired(q, ?)"
	}
	missing := []int64{}
	for _, n := range needs {
		if len(n.Accepted) == 0 {
			missing = append(missing, n.TypeID)
			continue
		}
		ok, err := idb.NewSelect().TableExpr("qualifications AS q").
			Where("q.organisation_id = ? AND q.type_id = ? AND q.level_code IN (?)", orgID, n.TypeID, bun.In(n.Accepted)).
			Where(held, today).Exists(ctx)
		if err != nil {
			return nil, fmt.Errorf("check qualifications of type %d: %w", n.TypeID, err)
		}
		if !ok {
			missing = append(missing, n.TypeID)
		}
	}
	return missing, nil
}

// ListedFor returns the ids of the approved agencies with an approved
// listing for item itemID, in the caller's transaction: those told when an
// announcement of the item is published.
func ListedFor(ctx context.Context, idb bun.IDB, itemID int64) ([]int64, error) {
	ids := []int64{}
	err := idb.NewSelect().TableExpr("listings AS l").ColumnExpr("l.organisation_id").
		Where("l.item_id = ? AND l.approved_at IS NOT NULL", itemID).
		Where("l.organisation_id IN (SELECT a.id FROM (?) AS a)", identity.AdmittedAgencies(idb, "", "")).
		OrderExpr("l.organisation_id").Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("agencies listing item %d: %w", itemID, err)
	}
	return ids, nil
}

// Holds reports whether agency orgID holds, on day today, an approved
// qualification of type typeID at one of the levels accepted (catalog's
// accepted levels of a requirement), in the caller's transaction: for
// requirements copied onto an announcement rather than read from its item.
func Holds(ctx context.Context, idb bun.IDB, orgID, typeID int64, accepted []string, today time.Time) (bool, error) {
	if len(accepted) == 0 {
		return false, nil
	}
	ok, err := idb.NewSelect().TableExpr("qualifications AS q").
		Where("q.organisation_id = ? AND q.type_id = ? AND q.level_code IN (?)", orgID, typeID, bun.In(accepted)).
		Where("qualification_counts(q, ?)", today).Exists(ctx)
	if err != nil {
		return false, fmt.Errorf("qualifications of type %d held by %d: %w", typeID, orgID, err)
	}
	return ok, nil
}
