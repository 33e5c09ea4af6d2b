package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/errs"
	"intermart/internal/identity"
	"intermart/internal/procurement"
	"intermart/internal/workdays"
)

// demoProject is an owner's investment project in the demo, with the
// services it plans. The first planned service is announced and published,
// the second drafted, the rest still to buy.
type demoProject struct {
	owner, code, name, stage string
	investmentYuan           int64
	services                 []demoService
}

// demoService is a planned service: the item by its Chinese name, the
// ceiling and the method of its announcement.
type demoService struct {
	item        string
	planned     string
	ceilingYuan int64
	method      string
}

func demoProjects() []demoProject {
	eia := "建设项目环境影响报告书编制（城市基础设施）"
	return []demoProject{
		{"owner", "2026-532901-47-01-000101", "大理市洱海西区截污管网提升改造工程", "design", 186_000_000, []demoService{
			{eia, "2026-12-15", 380_000, procurement.MethodLowest},
			{"水土保持方案报告书编制（线型工程）", "2026-12-20", 120_000, procurement.MethodRandom},
			{"地形图测绘（1:500）", "2027-01-10", 60_000, procurement.MethodDirect},
		}},
		{"owner", "2026-532901-47-01-000102", "大理市下关城区老旧小区改造项目（2026年）", "approval", 92_000_000, []demoService{
			{"可行性研究报告编制（房屋建筑）", "2026-12-10", 260_000, procurement.MethodComprehensive},
			{"社会稳定风险评估（一般项目）", "2027-01-05", 80_000, procurement.MethodDirect},
		}},
		{"owner.zjt", "2026-532900-48-03-000201", "大理至漾濞高速公路连接线工程", "planning", 1_250_000_000, []demoService{
			{"建设项目用地预审与选址论证报告编制（线性工程）", "2026-12-18", 650_000, procurement.MethodComprehensive},
			{"地质灾害危险性评估（一级评估）", "2027-01-15", 300_000, procurement.MethodLowest},
		}},
		{"owner.yangbi", "2026-532922-48-03-000301", "漾濞县苍山西镇农村公路提质改造工程", "design", 48_000_000, []demoService{
			{"水土保持方案报告表编制（线型工程）", "2026-12-12", 45_000, procurement.MethodRandom},
			{"建设项目使用林地可行性报告编制", "2027-01-08", 90_000, procurement.MethodDirect},
		}},
		{"owner.xiangyun", "2026-532923-76-01-000401", "祥云县城区供水管网改扩建工程", "approval", 73_000_000, []demoService{
			{"水资源论证报告书编制", "2026-12-16", 180_000, procurement.MethodLowest},
			{eia, "2027-01-20", 320_000, procurement.MethodComprehensive},
		}},
		{"owner.binchuan", "2026-532924-83-01-000501", "宾川县第二中学教学综合楼建设项目", "design", 36_000_000, []demoService{
			{"可行性研究报告编制（房屋建筑）", "2026-12-08", 150_000, procurement.MethodLowest},
			{"房产测绘（预测绘）", "2027-02-01", 30_000, procurement.MethodDirect},
		}},
		{"owner.midu", "2026-532925-84-01-000601", "弥渡县人民医院门急诊综合楼建设项目", "approval", 120_000_000, []demoService{
			{"节能报告编制（年综合能源消费量500至1000吨标准煤）", "2026-12-14", 70_000, procurement.MethodRandom},
			{"社会稳定风险评估（重大项目）", "2027-01-12", 160_000, procurement.MethodComprehensive},
		}},
		{"owner.nanjian", "2026-532926-05-02-000701", "南涧县无量山片区地质灾害综合治理工程", "planning", 25_000_000, []demoService{
			{"地质灾害治理工程勘查", "2026-12-22", 210_000, procurement.MethodLowest},
		}},
		{"owner.weishan", "2026-532927-87-01-000801", "巍山古城保护与提升工程", "design", 64_000_000, []demoService{
			{"修建性详细规划编制", "2026-12-19", 280_000, procurement.MethodComprehensive},
			{"古树名木影响评估", "2027-01-18", 50_000, procurement.MethodDirect},
		}},
		{"owner.yongping", "2026-532928-01-02-000901", "永平县高标准农田建设项目（2026年度）", "approval", 42_000_000, []demoService{
			{"土地勘测定界（城镇建设用地）", "2026-12-11", 40_000, procurement.MethodRandom},
		}},
		{"owner.yunlong", "2026-532929-47-01-001001", "云龙县诺邓镇污水处理厂及配套管网工程", "design", 58_000_000, []demoService{
			{eia, "2026-12-17", 300_000, procurement.MethodLowest},
			{"排污许可申报技术服务（简化管理）", "2027-02-10", 20_000, procurement.MethodDirect},
		}},
		{"owner.eryuan", "2026-532930-84-01-001101", "洱源县人民医院感染楼建设项目", "approval", 45_000_000, []demoService{
			{"初步设计及概算评审咨询", "2026-12-09", 110_000, procurement.MethodRandom},
		}},
		{"owner.jianchuan", "2026-532931-70-01-001201", "剑川县城东片区棚户区改造项目", "planning", 210_000_000, []demoService{
			{"可行性研究报告编制（房屋建筑）", "2026-12-21", 190_000, procurement.MethodComprehensive},
			{"土地估价（出让地价评估）", "2027-01-25", 60_000, procurement.MethodDirect},
		}},
		{"owner.heqing", "2026-532932-48-03-001301", "鹤庆县草海湿地周边道路改造工程", "design", 33_000_000, []demoService{
			{"洪水影响评价", "2026-12-13", 95_000, procurement.MethodLowest},
		}},
	}
}

// competitionProjects are projects whose first service has at least three
// eligible demo agencies, so the demo shows announcements selected, in
// publicity and awarded (advanceAnnouncements).
func competitionProjects() []demoProject {
	return []demoProject{
		{"owner", "2026-532901-47-01-002001", "大理市海东片区市政道路建设工程", "design", 96_000_000, []demoService{
			{"全过程造价咨询", "2026-11-20", 420_000, procurement.MethodLowest},
		}},
		{"owner.zjt", "2026-532900-48-03-002002", "大理州交投集团总部办公楼维修改造工程", "construction", 18_000_000, []demoService{
			{"工程监理（房屋建筑工程）", "2026-11-18", 260_000, procurement.MethodRandom},
		}},
		{"owner.heqing", "2026-532932-48-03-002003", "鹤庆县城区道路改造工程", "design", 27_000_000, []demoService{
			{"建设项目环境影响报告书编制（交通运输）", "2026-11-25", 280_000, procurement.MethodComprehensive},
		}},
		{"owner.jianchuan", "2026-532931-70-01-002004", "剑川县城市建设投资开发有限公司2026年度经营管理", "construction", 1_000_000, []demoService{
			{"常年法律顾问服务", "2026-11-15", 80_000, procurement.MethodDirect},
		}},
		{"owner.eryuan", "2026-532930-84-01-002005", "洱源县人民医院医疗设备资产清查", "approval", 5_000_000, []demoService{
			{"资产评估（机器设备）", "2026-11-22", 150_000, procurement.MethodLowest},
		}},
		{"owner.yunlong", "2026-532929-47-01-002006", "云龙县旧城区土壤污染治理工程", "planning", 22_000_000, []demoService{
			{"土壤污染状况调查", "2026-11-28", 180_000, procurement.MethodRandom},
		}},
	}
}

// fulfilmentProjects are projects whose first service, a direct selection,
// is awarded and its contract left awaiting registration (where a direct
// selection's price is agreed): the fulfilment browser test walks it from
// registration to ratings, apart from the contract test's award.
func fulfilmentProjects() []demoProject {
	return []demoProject{
		{"owner.weishan", "2026-532927-87-01-002007", "巍山县文化旅游投资有限公司2026年度经营管理", "construction", 1_200_000, []demoService{
			{"常年法律顾问服务", "2026-11-16", 90_000, procurement.MethodDirect},
		}},
	}
}

// LoadProcurement adds the owners' projects, their planned services and
// announcements — published (open for registration) and drafted — through
// the procurement service, so that each published one has its code,
// sealed draw secret, closing job, audit trail and notifications as a real
// one does. A project already in the library is left as it is.
func LoadProcurement(ctx context.Context, d *bun.DB, svc *procurement.Service, cat *catalog.Service) error {
	items, err := cat.Items(ctx, catalog.ItemFilter{})
	if err != nil {
		return err
	}
	byName := map[string]catalog.ServiceItem{}
	for _, it := range items {
		byName[it.NameZH] = it
	}
	var published []int64
	var publishers []*authz.Principal
	var competing, walked []bool
	projects := demoProjects()
	announceSide := len(projects)
	projects = append(projects, competitionProjects()...)
	walkSide := len(projects)
	projects = append(projects, fulfilmentProjects()...)
	for i, p := range projects {
		u, err := identity.FindUserByUsername(ctx, d, p.owner)
		if err != nil {
			return fmt.Errorf("demo owner %s: %w", p.owner, err)
		}
		actor := &authz.Principal{UserID: u.ID, OrgID: u.OrganisationID, Role: u.Role, OrgKind: identity.KindOwner}
		exists, err := procurement.ProjectCodeTaken(ctx, d, p.code)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		view, err := svc.CreateProject(ctx, actor, procurement.ProjectInput{Code: p.code, Name: p.name,
			RegionCode: p.code[5:11], TotalInvestmentFen: p.investmentYuan * 100, Stage: p.stage})
		if err != nil {
			return fmt.Errorf("demo project %s: %w", p.code, err)
		}
		for k, s := range p.services {
			it, ok := byName[s.item]
			if !ok {
				return fmt.Errorf("demo project %s: no catalogue item %q", p.code, s.item)
			}
			view, err = svc.AddProjectService(ctx, actor.OrgID, view.ID, procurement.ProjectServiceInput{ItemID: it.ID, PlannedDate: s.planned})
			if err != nil {
				return fmt.Errorf("demo project %s, service %s: %w", p.code, s.item, err)
			}
			if k > 1 {
				continue // still to buy
			}
			id, err := announceDemo(ctx, d, svc, actor, p, s, it, view.Services[len(view.Services)-1].ID, i, k == 0)
			if err != nil {
				return fmt.Errorf("demo announcement of %s, %s: %w", p.code, s.item, err)
			}
			if k == 0 {
				published = append(published, id)
				publishers = append(publishers, actor)
				competing = append(competing, i >= announceSide)
				walked = append(walked, i >= walkSide)
			}
		}
	}
	return advanceAnnouncements(ctx, svc, published, publishers, competing, walked)
}

// announceDemo drafts the announcement of a planned service and, when
// publish, publishes it with a deadline 3 to 8 working days away.
func announceDemo(ctx context.Context, d *bun.DB, svc *procurement.Service, actor *authz.Principal, p demoProject, s demoService,
	it catalog.ServiceItem, serviceID int64, i int, publish bool) (int64, error) {
	now, err := clock.Database{}.Now(ctx, d)
	if err != nil {
		return 0, err
	}
	rules, err := svc.Rules(ctx)
	if err != nil {
		return 0, err
	}
	deadline, err := workdays.DeadlineAfter(ctx, d, now, rules.RegistrationWorkdays+i%6)
	if err != nil {
		return 0, err
	}
	deadline = deadline.Add(-7 * time.Hour) // 17:00 in Shanghai
	ceiling := s.ceilingYuan * 100
	in := procurement.AnnouncementInput{ProjectServiceID: serviceID, Title: p.name + it.NameZH,
		Description:              fmt.Sprintf("为%s采购%s服务。服务内容以国家和云南省相关技术规范为准，成果须通过主管部门审查。", p.name, it.NameZH),
		PractitionerRequirements: "项目负责人须具有相应专业的执业资格，近三年无不良执业记录。",
		CeilingFen:               ceiling, Method: s.method, ServiceWorkdays: max(1, it.CommittedDays*2/3), RegistrationDeadline: &deadline}
	switch s.method {
	case procurement.MethodRandom:
		price := ceiling * 9 / 10
		in.StatedPriceFen = &price
	case procurement.MethodComprehensive:
		a, b, c := 50, 30, 20
		in.WeightPrice, in.WeightCredit, in.WeightRating = &a, &b, &c
	case procurement.MethodDirect:
		if ceiling >= rules.DirectLimitFen {
			in.Method = procurement.MethodLowest
		}
	}
	a, err := svc.CreateAnnouncement(ctx, actor, in)
	if err != nil {
		return 0, err
	}
	if !publish {
		return a.ID, nil
	}
	if _, err := svc.Publish(ctx, actor, actor.OrgID, a.ID); err != nil {
		if e, ok := err.(*errs.Error); ok && len(e.Fields) > 0 {
			return 0, fmt.Errorf("%w: %s %s", err, e.Fields[0].Field, e.Fields[0].Reason)
		}
		return 0, err
	}
	return a.ID, nil
}

// advanceAnnouncements moves some of the published demo announcements on
// through their deadline, selection, publicity and award. The announcement
// side publishes them open; the selection side extends this function. The
// walked ones (fulfilmentProjects) are awarded.
func advanceAnnouncements(ctx context.Context, svc *procurement.Service, published []int64, owners []*authz.Principal, competing, walked []bool) error {
	// Most of the announcement side's stay open, some with registrations;
	// a few fail for too few registrants and are relisted as round 2. The
	// competition's projects are selected: in publicity, or awarded.
	for i, id := range published {
		stage, registrants := procurement.DemoOpen, i%3
		switch {
		case walked[i]:
			stage, registrants = procurement.DemoAwarded, 4
		case competing[i] && i%2 == 0:
			stage, registrants = procurement.DemoInPublicity, 4
		case competing[i]:
			stage, registrants = procurement.DemoAwarded, 4
		case i%4 == 1:
			stage, registrants = procurement.DemoFailed, 1
		}
		if err := svc.SeedCompetition(ctx, id, stage, registrants); err != nil {
			return fmt.Errorf("demo announcement %d to %s: %w", id, stage, err)
		}
		if stage == procurement.DemoFailed {
			if _, err := svc.Relist(ctx, owners[i], owners[i].OrgID, id); err != nil {
				return fmt.Errorf("relist demo announcement %d: %w", id, err)
			}
		}
	}
	return nil
}
