package demo

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/identity"
)

// The regulators in charge of catalogue items, by organisation name.
const (
	regFGW  = "大理州发展和改革委员会"
	regZRZY = "大理州自然资源和规划局"
	regSTHJ = "大理州生态环境局"
	regZJJ  = "大理州住房和城乡建设局"
	regLC   = "大理州林业和草原局"
	regSW   = "大理州水务局"
	regYJ   = "大理州应急管理局"
	regWJW  = "大理州卫生健康委员会"
	regDZ   = "大理州地震局"
	regQX   = "大理州气象局"
	regJT   = "大理州交通运输局"
	regWL   = "大理州文化和旅游局"
	regCZ   = "大理州财政局"
	regSJ   = "大理州审计局"
	regSF   = "大理州司法局"
)

// QualType is a demo qualification type; its levels are listed from the
// highest down.
type QualType struct {
	Code, NameZH, NameEN string
	Levels               []catalog.NewLevel
}

// Level sets shared by several types.
var (
	gradesAB   = []catalog.NewLevel{{Code: "a", NameZH: "甲级", NameEN: "Grade A"}, {Code: "b", NameZH: "乙级", NameEN: "Grade B"}}
	gradesABC  = append(gradesAB[:2:2], catalog.NewLevel{Code: "c", NameZH: "丙级", NameEN: "Grade C"})
	gradesABCD = append(gradesABC[:3:3], catalog.NewLevel{Code: "d", NameZH: "丁级", NameEN: "Grade D"})
	gradesCABC = append([]catalog.NewLevel{{Code: "comprehensive", NameZH: "综合资质", NameEN: "Comprehensive"}}, gradesABC...)
	ungraded   = []catalog.NewLevel{{Code: "none", NameZH: "不分级", NameEN: "Ungraded"}}
	stars      = []catalog.NewLevel{{Code: "star5", NameZH: "五星级", NameEN: "Five stars"}, {Code: "star4", NameZH: "四星级", NameEN: "Four stars"},
		{Code: "star3", NameZH: "三星级", NameEN: "Three stars"}, {Code: "star2", NameZH: "二星级", NameEN: "Two stars"}, {Code: "star1", NameZH: "一星级", NameEN: "One star"}}
)

// QualificationTypes lists the demo qualification types.
func QualificationTypes() []QualType {
	return []QualType{
		{"eng_consulting", "工程咨询单位资信评价", "Engineering consulting credit rating", []catalog.NewLevel{
			{Code: "a", NameZH: "甲级资信", NameEN: "Grade A rating"}, {Code: "b", NameZH: "乙级资信", NameEN: "Grade B rating"},
			{Code: "filed", NameZH: "已备案", NameEN: "Filed, unrated"}}},
		{"surveying", "测绘资质", "Surveying and mapping qualification", gradesABCD},
		{"geohazard_assessment", "地质灾害危险性评估资质", "Geological hazard risk assessment qualification", gradesABC},
		{"geohazard_control", "地质灾害治理工程勘查设计资质", "Geological hazard control survey and design qualification", gradesABC},
		{"geological_exploration", "地质勘查资质", "Geological exploration qualification", gradesABC},
		{"land_valuation", "土地估价机构备案", "Land valuation firm filing", ungraded},
		{"urban_planning", "城乡规划编制单位资质", "Urban and rural planning qualification", gradesABC},
		{"forestry_survey", "林业调查规划设计资质", "Forestry survey, planning and design qualification", gradesABC},
		{"eia_registration", "环评编制单位信用平台登记", "EIA preparer registration on the credit platform", ungraded},
		{"cma", "检验检测机构资质认定（CMA）", "Inspection and testing body accreditation (CMA)", ungraded},
		{"swc_plan", "水土保持方案编制单位水平评价", "Soil and water conservation planning rating", stars},
		{"swc_monitoring", "水土保持监测单位水平评价", "Soil and water conservation monitoring rating", stars},
		{"hydrology", "水文、水资源调查评价资质", "Hydrology and water resources survey qualification", gradesAB},
		{"water_testing", "水利工程质量检测单位资质", "Water works quality testing qualification", gradesAB},
		{"safety_assessment", "安全评价机构资质", "Safety assessment qualification", gradesAB},
		{"occupational_health", "职业卫生技术服务机构资质", "Occupational health technical service qualification", gradesAB},
		{"radiation_health", "放射卫生技术服务机构资质", "Radiological health technical service qualification", gradesAB},
		{"lightning", "雷电防护装置检测资质", "Lightning protection inspection qualification", gradesAB},
		{"geotech_survey", "工程勘察资质", "Engineering survey qualification", gradesCABC},
		{"design_building", "工程设计资质（建筑行业）", "Engineering design qualification (building)", gradesABC},
		{"design_municipal", "工程设计资质（市政行业）", "Engineering design qualification (municipal)", gradesABC},
		{"design_highway", "工程设计资质（公路行业）", "Engineering design qualification (highway)", gradesABC},
		{"design_water", "工程设计资质（水利行业）", "Engineering design qualification (water conservancy)", gradesABC},
		{"design_power", "工程设计资质（电力行业）", "Engineering design qualification (electric power)", gradesABC},
		{"design_landscape", "风景园林工程设计专项资质", "Landscape architecture design qualification", gradesAB},
		{"drawing_review", "施工图审查机构认定", "Construction drawing review body recognition", []catalog.NewLevel{
			{Code: "class1", NameZH: "一类", NameEN: "Class I"}, {Code: "class2", NameZH: "二类", NameEN: "Class II"}}},
		{"cost_consulting", "工程造价咨询企业资质", "Construction cost consulting qualification", gradesAB},
		{"supervision", "工程监理资质", "Construction supervision qualification", gradesCABC},
		{"tendering", "招标代理机构登记", "Tendering agency registration", ungraded},
		{"quality_testing", "建设工程质量检测机构资质", "Construction quality testing qualification", ungraded},
		{"fire_service", "消防技术服务机构", "Fire protection technical service firm", ungraded},
		{"house_safety", "房屋安全鉴定机构备案", "Building safety appraisal firm filing", ungraded},
		{"highway_testing", "公路水运工程试验检测机构等级", "Highway and waterway testing laboratory grade", gradesABC},
		{"heritage_design", "文物保护工程勘察设计资质", "Heritage conservation survey and design qualification", gradesABC},
		{"archaeology", "考古发掘资质", "Archaeological excavation qualification", ungraded},
		{"asset_valuation", "资产评估机构备案", "Asset valuation firm filing", ungraded},
		{"accounting_firm", "会计师事务所执业证书", "Accounting firm practising certificate", ungraded},
		{"real_estate_appraisal", "房地产估价机构备案", "Real estate appraisal firm filing", []catalog.NewLevel{
			{Code: "a", NameZH: "一级", NameEN: "Class 1"}, {Code: "b", NameZH: "二级", NameEN: "Class 2"}, {Code: "c", NameZH: "三级", NameEN: "Class 3"}}},
		{"law_firm", "律师事务所执业许可证", "Law firm practising licence", ungraded},
	}
}

// Item is a demo service item. Regulator is the name of the demo regulator
// in charge.
type Item struct {
	Code, NameZH, NameEN, Category, Regulator string
	LegalDays, CommittedDays                  int
	Description                               string
	Requirements                              []Req
}

// Req requires a qualification type (by code) at a minimum level.
type Req struct{ Type, MinLevel string }

// categoryOf maps an item code's prefix to its category.
var categoryOf = map[string]string{
	"FG": "investment", "ZR": "land", "LC": "forestry", "HJ": "environment", "SW": "water",
	"AQ": "safety", "DZ": "seismic", "JS": "construction", "JT": "transport", "CW": "finance",
}

// loadCatalogue has the catalogue seed the demo qualification types and
// items that are missing, each item in the charge of its demo regulator.
func loadCatalogue(ctx context.Context, tx bun.Tx, people identity.Seeded) (*catalog.Seeded, error) {
	regID := map[string]int64{}
	for _, o := range Orgs() {
		if o.Kind == identity.KindRegulator {
			regID[o.Name] = people[o.Users[0].Username].OrganisationID
		}
	}
	types := make([]catalog.NewQualificationType, 0, len(QualificationTypes()))
	for _, q := range QualificationTypes() {
		types = append(types, catalog.NewQualificationType{Code: q.Code, NameZH: q.NameZH, NameEN: q.NameEN, Levels: q.Levels})
	}
	var items []catalog.SeedItem
	for _, it := range Items() {
		reg, ok := regID[it.Regulator]
		if !ok {
			return nil, fmt.Errorf("demo item %s: no regulator %s", it.Code, it.Regulator)
		}
		reqs := make([]catalog.SeedRequirement, len(it.Requirements))
		for i, r := range it.Requirements {
			reqs[i] = catalog.SeedRequirement{TypeCode: r.Type, MinLevelCode: r.MinLevel}
		}
		items = append(items, catalog.SeedItem{Code: it.Code, NameZH: it.NameZH, NameEN: it.NameEN, CategoryCode: it.Category,
			RegulatorID: reg, LegalDays: it.LegalDays, CommittedDays: it.CommittedDays, Description: it.Description, Requirements: reqs})
	}
	return catalog.SeedCatalogue(ctx, tx, types, items)
}
