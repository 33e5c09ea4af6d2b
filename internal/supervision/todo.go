package supervision

import (
	"context"

	"intermart/internal/authz"
)

// TodoCounts counts what waits for p in supervision's queues, each with the
// filter of the list its to-do task links to, so the two cannot differ:
// red flags not yet reviewed, complaints to accept or reject and accepted
// complaints to decide (regulators), and the open red warnings p sees
// (regulators, owners and agencies; others have none).
func (s *Service) TodoCounts(ctx context.Context, p *authz.Principal) (flags, toAccept, toDecide, redWarnings int, err error) {
	if p == nil {
		return 0, 0, 0, 0, nil
	}
	switch p.Role {
	case authz.Regulator, authz.OwnerAdmin, authz.OwnerStaff, authz.AgencyAdmin, authz.AgencyStaff:
		if _, redWarnings, err = s.Warnings(ctx, p, WarningFilter{Level: LevelRed, Page: 1, PageSize: 1}); err != nil {
			return 0, 0, 0, 0, err
		}
	}
	if p.Role != authz.Regulator {
		return 0, 0, 0, redWarnings, nil
	}
	list, err := s.RedFlags(ctx, RedFlagFilter{Status: "open", Page: 1, PageSize: 1})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	filed, err := s.Complaints(ctx, p, ComplaintFilter{Status: ComplaintFiled})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	accepted, err := s.Complaints(ctx, p, ComplaintFilter{Status: ComplaintAccepted})
	if err != nil {
		return 0, 0, 0, 0, err
	}
	return list.Total, len(filed), len(accepted), redWarnings, nil
}
