package demo

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/identity"
	"intermart/internal/procurement"
)

// redFlagProjects are two small projects of one owner bought by direct
// selection just under the direct-selection limit, each with one
// registrant: the demo's red flags (a single eligible registrant, twice,
// and a possible splitting of direct selections), raised by supervision's
// change hooks as the selections are made.
func redFlagProjects() []demoProject {
	return []demoProject{
		{"owner.jianchuan", "2026-532931-70-01-002401", "剑川县城投公司2026年第一季度", "construction", 500_000, []demoService{
			{"常年法律顾问服务", "2026-11-20", 95_000, procurement.MethodDirect},
		}},
		{"owner.jianchuan", "2026-532931-70-01-002402", "剑川县城投公司2026年第二季度", "construction", 500_000, []demoService{
			{"常年法律顾问服务", "2026-11-27", 92_000, procurement.MethodDirect},
		}},
	}
}

// LoadRedFlags publishes the red flag projects' announcements through the
// procurement service and moves them to a selection in publicity. A project
// already in the library is left as it is.
func LoadRedFlags(ctx context.Context, d *bun.DB, svc *procurement.Service, cat *catalog.Service) error {
	items, err := cat.Items(ctx, catalog.ItemFilter{})
	if err != nil {
		return err
	}
	byName := map[string]catalog.ServiceItem{}
	for _, it := range items {
		byName[it.NameZH] = it
	}
	for i, p := range redFlagProjects() {
		exists, err := procurement.ProjectCodeTaken(ctx, d, p.code)
		if err != nil || exists {
			return err
		}
		u, err := identity.FindUserByUsername(ctx, d, p.owner)
		if err != nil {
			return fmt.Errorf("demo owner %s: %w", p.owner, err)
		}
		actor := &authz.Principal{UserID: u.ID, OrgID: u.OrganisationID, Role: u.Role, OrgKind: identity.KindOwner}
		view, err := svc.CreateProject(ctx, actor, procurement.ProjectInput{Code: p.code, Name: p.name,
			RegionCode: p.code[5:11], TotalInvestmentFen: p.investmentYuan * 100, Stage: p.stage})
		if err != nil {
			return fmt.Errorf("demo project %s: %w", p.code, err)
		}
		s := p.services[0]
		it, ok := byName[s.item]
		if !ok {
			return fmt.Errorf("demo project %s: no catalogue item %q", p.code, s.item)
		}
		view, err = svc.AddProjectService(ctx, actor.OrgID, view.ID, procurement.ProjectServiceInput{ItemID: it.ID, PlannedDate: s.planned})
		if err != nil {
			return fmt.Errorf("demo project %s, service %s: %w", p.code, s.item, err)
		}
		id, err := announceDemo(ctx, d, svc, actor, p, s, it, view.Services[0].ID, i, true)
		if err != nil {
			return fmt.Errorf("demo announcement of %s: %w", p.code, err)
		}
		if err := svc.SeedCompetition(ctx, id, procurement.DemoInPublicity, 1); err != nil {
			return fmt.Errorf("demo announcement %d to %s: %w", id, procurement.DemoInPublicity, err)
		}
	}
	return nil
}
