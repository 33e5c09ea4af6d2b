package agency

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
)

// DeadlineQualification is the end of an approved qualification's validity
// (资质到期), which supervision's early warnings (预警) watch.
const DeadlineQualification = "qualification_expiring"

// Deadline is a qualification's validity running out.
type Deadline struct {
	Rule      string `bun:"rule"`
	SubjectID int64  `bun:"subject_id"`
	AgencyID  int64  `bun:"agency_id"`
	Code      string `bun:"code"`
	Title     string `bun:"-"`
	TypeID    int64  `bun:"type_id"`
	// Due is the end of the valid-to day in Shanghai.
	Due time.Time `bun:"due"`
}

// Deadlines lists the approved qualifications whose valid-to day is on or
// before until (a date), expired ones included, except those the agency
// has renewed: it holds another approved qualification of the same type
// valid for longer.
func Deadlines(ctx context.Context, idb bun.IDB, until time.Time) ([]Deadline, error) {
	out := []Deadline{}
	err := idb.NewRaw(`SELECT ? AS rule, q.id AS subject_id, q.organisation_id AS agency_id, q.certificate_no AS code, q.type_id,
			((q.valid_to + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS due
		FROM qualifications q
		WHERE q.status = 'approved' AND q.valid_to <= ?::date
			AND NOT EXISTS (SELECT 1 FROM qualifications n WHERE n.organisation_id = q.organisation_id
				AND n.type_id = q.type_id AND n.status = 'approved' AND n.valid_to > q.valid_to)
		ORDER BY q.id`, DeadlineQualification, until.Format(time.DateOnly)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("qualifications expiring: %w", err)
	}
	ids := make([]int64, len(out))
	for i := range out {
		ids[i] = out[i].TypeID
	}
	types, err := catalog.Types(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Title = types[out[i].TypeID].NameZH
	}
	return out, nil
}
