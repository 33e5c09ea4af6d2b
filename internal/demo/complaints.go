package demo

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/contract"
	"intermart/internal/identity"
	"intermart/internal/supervision"
)

// demoComplaint is one of the demo's complaints: an owner's complaint
// about one of its contracts of the year, taken as far as state.
type demoComplaint struct {
	owner    string
	state    string
	grounds  string
	messages []string // regulator's question, then the respondent agency's answer
	decision string
	summary  string
}

// ComplaintRegulator handles the demo's complaints.
const ComplaintRegulator = "reg.zwfw"

// complaintsAvoiding are the owners and agencies whose contracts the
// browser tests use: the demo's complaints leave them (and the agencies'
// credit scores) alone.
var complaintsAvoiding = map[string]bool{"owner": true, "owner.jianchuan": true, "owner.weishan": true, "owner.yunlong": true,
	"agency": true, "agency.erhai": true, "agency.jizushan": true, "agency.yunnanyi": true, "agency.pending": true}

func demoComplaints() []demoComplaint {
	return []demoComplaint{
		{owner: "owner.xiangyun", state: supervision.ComplaintFiled,
			grounds: "中介机构提交的成果文件多处数据与现场踏勘记录不一致，经书面催告仍未更正，请监管部门审查其履约情况。"},
		{owner: "owner.binchuan", state: supervision.ComplaintAccepted,
			grounds: "中介机构更换了合同约定的项目负责人，事先未征得业主同意，请监管部门核查。",
			messages: []string{"请服务机构说明更换项目负责人的原因，并提供新负责人的执业资格证明。",
				"原项目负责人因病无法继续履职，新负责人具备同等执业资格，相关证明已补充提交。"}},
		{owner: "owner.midu", state: supervision.ComplaintDismissed,
			grounds:  "中介机构未按约定时限提交中期成果，影响了项目审批进度，请监管部门处理。",
			decision: "经查，中期成果延后提交系业主补充资料所致，已经双方书面确认，服务机构不存在违约情形。",
			summary:  "投诉不成立：中期成果延后提交系业主补充资料所致，驳回投诉。"},
		{owner: "owner.heqing", state: supervision.ComplaintUpheld,
			grounds:  "中介机构出具的报告引用了已废止的技术标准，导致报告被审批部门退回，请监管部门依法处理。",
			decision: "经查，服务机构出具的报告引用已废止的技术标准，未尽专业审慎义务，投诉成立。",
			summary:  "投诉成立：服务机构报告引用已废止标准，责令限期重新出具报告，并计入信用记录。"},
	}
}

// LoadComplaints files the demo's complaints, through the complaints
// service, on contracts of the demo's year, one in each state: filed
// (awaiting acceptance), accepted with a short thread, dismissed and
// upheld; the decided two appear on the public decisions page. A complaint
// already filed (found by its grounds) is left as it is; an owner without
// a contract to complain about is skipped (the year not loaded).
func LoadComplaints(ctx context.Context, d bun.IDB, svc *supervision.Service, con *contract.Service) error {
	reg, err := demoPrincipal(ctx, d, ComplaintRegulator)
	if err != nil {
		return err
	}
	existing, err := svc.Complaints(ctx, reg, supervision.ComplaintFilter{})
	if err != nil {
		return err
	}
	filed := map[string]bool{}
	for _, c := range existing {
		filed[c.Grounds] = true
	}
	avoid := map[int64]bool{} // agencies' organisations
	agencies := map[int64]*authz.Principal{}
	for _, o := range Orgs() {
		if o.Kind != identity.KindAgency {
			continue
		}
		p, err := demoPrincipal(ctx, d, o.Users[0].Username)
		if err != nil {
			return err
		}
		agencies[p.OrgID] = p
		if complaintsAvoiding[o.Users[0].Username] {
			avoid[p.OrgID] = true
		}
	}
	for _, dc := range demoComplaints() {
		if filed[dc.grounds] || complaintsAvoiding[dc.owner] {
			continue
		}
		owner, err := demoPrincipal(ctx, d, dc.owner)
		if err != nil {
			return err
		}
		target, err := complaintTarget(ctx, con, owner, avoid)
		if err != nil || target == nil {
			return err
		}
		view, err := svc.FileComplaint(ctx, owner, supervision.ComplaintInput{TargetKind: supervision.TargetContract,
			TargetID: target.ID, Grounds: dc.grounds})
		if err != nil {
			return fmt.Errorf("demo complaint of %s about contract %d: %w", dc.owner, target.ID, err)
		}
		if dc.state == supervision.ComplaintFiled {
			continue
		}
		if _, err := svc.ReviewComplaint(ctx, reg, view.ID, supervision.ReviewInput{Decision: supervision.ComplaintAccepted}); err != nil {
			return fmt.Errorf("demo complaint %d, acceptance: %w", view.ID, err)
		}
		for i, m := range dc.messages {
			author := reg
			if i%2 == 1 {
				if author = agencies[target.AgencyID]; author == nil {
					author = owner
				}
			}
			if _, err := svc.PostMessage(ctx, author, view.ID, supervision.MessageInput{Body: m}); err != nil {
				return fmt.Errorf("demo complaint %d, message: %w", view.ID, err)
			}
		}
		if dc.state == supervision.ComplaintAccepted {
			continue
		}
		if _, err := svc.DecideComplaint(ctx, reg, view.ID, supervision.DecisionInput{Decision: dc.state,
			Reasoning: dc.decision, Summary: dc.summary}); err != nil {
			return fmt.Errorf("demo complaint %d, decision: %w", view.ID, err)
		}
	}
	return nil
}

// complaintTarget is the oldest completed (or else active) contract of
// owner with an agency the browser tests leave alone, or nil.
func complaintTarget(ctx context.Context, con *contract.Service, owner *authz.Principal, avoid map[int64]bool) (*contract.ContractView, error) {
	for _, status := range []string{contract.StatusCompleted, contract.StatusActive} {
		list, err := con.List(ctx, owner, contract.ContractFilter{Status: status, OwnerID: owner.OrgID})
		if err != nil {
			return nil, err
		}
		for i := len(list) - 1; i >= 0; i-- { // listed newest first
			if !avoid[list[i].AgencyID] {
				return &list[i], nil
			}
		}
	}
	return nil, nil
}

// demoPrincipal is the demo user username acting.
func demoPrincipal(ctx context.Context, d bun.IDB, username string) (*authz.Principal, error) {
	u, err := identity.FindUserByUsername(ctx, d, username)
	if err != nil {
		return nil, fmt.Errorf("demo user %s: %w", username, err)
	}
	org, err := identity.FindOrganisation(ctx, d, u.OrganisationID, false)
	if err != nil {
		return nil, fmt.Errorf("demo user %s: %w", username, err)
	}
	return &authz.Principal{UserID: u.ID, OrgID: u.OrganisationID, Role: u.Role, OrgKind: org.Kind}, nil
}
