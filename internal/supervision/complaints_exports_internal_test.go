package supervision

import (
	"context"
	"testing"
	"time"

	"intermart/internal/authz"
	"intermart/internal/clock"
	"intermart/internal/db/dbtest"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// TestComplaintExportLimit: a list longer than the export holds is refused
// with a 422 that says to narrow it, rather than cut short.
func TestComplaintExportLimit(t *testing.T) {
	d := dbtest.New(t)
	s := &Service{Deps: Deps{DB: d.Bun, Clock: clock.NewFixed(time.Date(2026, 9, 24, 2, 0, 0, 0, time.UTC))}}
	p := &authz.Principal{Role: authz.Regulator, OrgKind: identity.KindRegulator}
	if _, err := s.ComplaintsTable(context.Background(), p, ComplaintFilter{}); err != nil {
		t.Fatalf("an empty list: %v", err)
	}
	old := complaintExportLimit
	complaintExportLimit = -1 // any list is longer
	defer func() { complaintExportLimit = old }()
	_, err := s.ComplaintsTable(context.Background(), p, ComplaintFilter{})
	if e, ok := err.(*errs.Error); !ok || e.Code != errs.Invalid || len(e.Fields) == 0 || e.Fields[0].Reason != "export_too_large" {
		t.Fatalf("over the limit: %v, want a 422 export_too_large", err)
	}
}
