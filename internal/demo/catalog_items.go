package demo

import "fmt"

// Items lists the 189 demo service items, the count the Dali marketplace
// listed, built from the usual approval-stage services of investment
// projects with their variants by industry, document form and scale. Codes
// are the category prefix and a sequence number, in this order.
func Items() []Item {
	c := &itemList{next: map[string]int{}}

	// 发展改革: project documents by kind of project.
	kinds := []variant{
		{"房屋建筑", "building works"}, {"市政基础设施", "municipal infrastructure"}, {"交通", "transport"},
		{"水利", "water conservancy"}, {"能源", "energy"}, {"农业农村", "agriculture and rural development"},
		{"教育卫生文化等社会事业", "education, health, culture and other public services"},
	}
	c.variants("FG", days(20, 10), regFGW, "项目建议书编制（%s）", "Project proposal (%s)",
		"政府投资%s项目立项所需的项目建议书。", kinds, Req{"eng_consulting", "filed"})
	for _, k := range kinds {
		level := "filed"
		if k.zh == "交通" || k.zh == "水利" || k.zh == "能源" {
			level = "b"
		}
		c.add("FG", days(30, 15), regFGW, "可行性研究报告编制（"+k.zh+"）", "Feasibility study report ("+k.en+")",
			"政府投资"+k.zh+"项目审批所需的可行性研究报告。", Req{"eng_consulting", level})
	}
	c.variants("FG", days(30, 15), regFGW, "项目申请报告编制（%s）", "Project application report (%s)",
		"企业投资%s项目核准所需的项目申请报告。",
		[]variant{{"能源", "energy"}, {"交通", "transport"}, {"工业", "industry"}}, Req{"eng_consulting", "b"})
	c.variants("FG", days(20, 10), regFGW, "资金申请报告编制（%s）", "Funding application report (%s)",
		"申请%s所需的资金申请报告。",
		[]variant{{"中央预算内投资", "central budget investment"}, {"地方政府专项债券", "local government special bonds"},
			{"省级专项资金", "provincial special funds"}}, Req{"eng_consulting", "filed"})
	c.add("FG", days(20, 10), regFGW, "节能报告编制（年综合能源消费量1000吨标准煤以上）", "Energy conservation report (1,000 tce a year or more)",
		"固定资产投资项目节能审查所需的节能报告。")
	c.add("FG", days(16, 8), regFGW, "节能报告编制（年综合能源消费量500至1000吨标准煤）", "Energy conservation report (500 to 1,000 tce a year)",
		"固定资产投资项目节能审查所需的节能报告。")
	c.add("FG", days(30, 15), regFGW, "社会稳定风险评估（重大项目）", "Social stability risk assessment (major projects)",
		"重大固定资产投资项目的社会稳定风险分析与评估报告。")
	c.add("FG", days(20, 10), regFGW, "社会稳定风险评估（一般项目）", "Social stability risk assessment (ordinary projects)",
		"一般固定资产投资项目的社会稳定风险分析。")
	c.add("FG", days(40, 20), regFGW, "项目后评价", "Post-project evaluation", "政府投资项目建成后的后评价报告。", Req{"eng_consulting", "b"})
	c.add("FG", days(20, 10), regFGW, "初步设计及概算评审咨询", "Preliminary design and budget estimate review", "", Req{"eng_consulting", "b"})

	// 自然资源和规划.
	c.add("ZR", days(30, 15), regZRZY, "建设项目用地预审与选址论证报告编制（线性工程）", "Land pre-examination and site selection report (linear works)",
		"公路、管线等线性工程的用地预审与选址论证。", Req{"urban_planning", "c"})
	c.add("ZR", days(20, 10), regZRZY, "建设项目用地预审与选址论证报告编制（点状工程）", "Land pre-examination and site selection report (site works)",
		"", Req{"urban_planning", "c"})
	c.add("ZR", days(20, 10), regZRZY, "土地勘测定界（城镇建设用地）", "Land boundary survey (urban construction land)", "", Req{"surveying", "d"})
	c.add("ZR", days(30, 15), regZRZY, "土地勘测定界（线性工程）", "Land boundary survey (linear works)", "", Req{"surveying", "c"})
	for i, v := range []variant{{"一级评估", "level 1"}, {"二级评估", "level 2"}, {"三级评估", "level 3"}} {
		d := []daysPair{days(30, 15), days(20, 10), days(14, 7)}[i]
		c.add("ZR", d, regZRZY, "地质灾害危险性评估（"+v.zh+"）", "Geological hazard risk assessment ("+v.en+")", "",
			Req{"geohazard_assessment", []string{"a", "b", "c"}[i]})
	}
	c.add("ZR", days(30, 15), regZRZY, "压覆重要矿产资源评估", "Assessment of important mineral resources overlaid", "", Req{"geological_exploration", "c"})
	c.add("ZR", days(30, 15), regZRZY, "土地复垦方案编制（报告书）", "Land reclamation plan (full report)", "")
	c.add("ZR", days(20, 10), regZRZY, "土地复垦方案编制（报告表）", "Land reclamation plan (report form)", "")
	c.add("ZR", days(40, 20), regZRZY, "修建性详细规划编制", "Site development plan", "", Req{"urban_planning", "b"})
	c.add("ZR", days(20, 10), regZRZY, "建设工程设计方案总平面图编制", "Site layout plan of the design scheme", "", Req{"urban_planning", "c"})
	c.add("ZR", days(30, 15), regZRZY, "控制性详细规划调整论证", "Regulatory plan amendment study", "", Req{"urban_planning", "b"})
	c.add("ZR", days(10, 5), regZRZY, "建设工程规划放线测量", "Planning set-out survey", "", Req{"surveying", "d"})
	c.add("ZR", days(10, 5), regZRZY, "建设工程规划验线测量", "Planning line check survey", "", Req{"surveying", "d"})
	c.add("ZR", days(15, 7), regZRZY, "规划条件核实测量", "Planning compliance survey", "", Req{"surveying", "c"})
	for i, v := range []variant{{"1:500", "1:500"}, {"1:1000", "1:1,000"}, {"1:2000", "1:2,000"}} {
		c.add("ZR", days(20, 10), regZRZY, "地形图测绘（"+v.zh+"）", "Topographic mapping ("+v.en+")", "",
			Req{"surveying", []string{"d", "d", "c"}[i]})
	}
	c.add("ZR", days(10, 5), regZRZY, "房产测绘（预测绘）", "Property survey (before construction)", "", Req{"surveying", "d"})
	c.add("ZR", days(10, 5), regZRZY, "房产测绘（实测绘）", "Property survey (as built)", "", Req{"surveying", "d"})
	c.add("ZR", days(15, 7), regZRZY, "地籍测绘", "Cadastral survey", "", Req{"surveying", "d"})
	c.add("ZR", days(15, 7), regZRZY, "土地估价（出让地价评估）", "Land valuation (land grant price)", "", Req{"land_valuation", "none"})
	c.add("ZR", days(15, 7), regZRZY, "土地估价（划拨土地使用权评估）", "Land valuation (allocated land use rights)", "", Req{"land_valuation", "none"})
	c.add("ZR", days(20, 10), regZRZY, "平面与高程控制测量", "Horizontal and vertical control survey", "", Req{"surveying", "c"})
	c.add("ZR", days(30, 15), regZRZY, "补充耕地项目可行性研究报告编制", "Feasibility study for supplementing cultivated land", "")
	c.add("ZR", days(20, 10), regZRZY, "建设项目节地评价报告编制", "Land-saving evaluation of a project", "")
	c.add("ZR", days(30, 15), regZRZY, "地质灾害治理工程勘查", "Geological hazard control works survey", "", Req{"geohazard_control", "b"})

	// 林业和草原.
	c.add("LC", days(20, 10), regLC, "建设项目使用林地可行性报告编制", "Feasibility report on using forest land", "", Req{"forestry_survey", "b"})
	c.add("LC", days(14, 7), regLC, "建设项目使用林地现状调查表编制", "Forest land status survey form", "", Req{"forestry_survey", "c"})
	c.add("LC", days(14, 7), regLC, "林地调查", "Forest land survey", "", Req{"forestry_survey", "c"})
	c.add("LC", days(60, 30), regLC, "森林资源规划设计调查（二类调查）", "Forest management inventory", "", Req{"forestry_survey", "b"})
	c.add("LC", days(10, 5), regLC, "林木采伐作业设计", "Timber harvest design", "", Req{"forestry_survey", "c"})
	c.add("LC", days(30, 15), regLC, "建设项目对自然保护地影响评价", "Impact assessment on protected areas", "", Req{"forestry_survey", "b"})
	c.add("LC", days(30, 15), regLC, "陆生野生动植物影响评价", "Impact assessment on terrestrial wildlife", "", Req{"forestry_survey", "b"})
	c.add("LC", days(20, 10), regLC, "占用征收草原可行性报告编制", "Feasibility report on using grassland", "", Req{"forestry_survey", "c"})
	c.add("LC", days(20, 10), regLC, "使用林地植被恢复方案编制", "Vegetation restoration plan for forest land used", "", Req{"forestry_survey", "c"})
	c.add("LC", days(20, 10), regLC, "古树名木影响评估", "Impact assessment on ancient and notable trees", "", Req{"forestry_survey", "c"})

	// 生态环境: the impact assessment by industry, full report and report form.
	industries := []variant{
		{"交通运输", "transport"}, {"水利水电", "water and hydropower"}, {"城市基础设施", "urban infrastructure"},
		{"房地产开发", "real estate development"}, {"制造业", "manufacturing"}, {"采矿", "mining"}, {"能源", "energy"},
		{"农业与畜禽养殖", "agriculture and livestock"}, {"社会事业与医疗卫生", "public services and healthcare"},
	}
	c.variants("HJ", days(60, 30), regSTHJ, "建设项目环境影响报告书编制（%s）", "Environmental impact report (%s)",
		"依分类管理名录须编制报告书的%s类建设项目。", industries, Req{"eia_registration", "none"})
	c.variants("HJ", days(30, 15), regSTHJ, "建设项目环境影响报告表编制（%s）", "Environmental impact report form (%s)",
		"依分类管理名录须编制报告表的%s类建设项目。", industries, Req{"eia_registration", "none"})
	c.add("HJ", days(20, 10), regSTHJ, "排污许可申报技术服务（重点管理）", "Pollutant discharge permit application (key management)", "")
	c.add("HJ", days(10, 5), regSTHJ, "排污许可申报技术服务（简化管理）", "Pollutant discharge permit application (simplified management)", "")
	c.variants("HJ", days(15, 7), regSTHJ, "环境监测（%s）", "Environmental monitoring (%s)", "",
		[]variant{{"地表水与地下水", "surface and ground water"}, {"环境空气", "ambient air"}, {"噪声", "noise"}, {"土壤", "soil"}},
		Req{"cma", "none"})
	c.add("HJ", days(30, 15), regSTHJ, "建设项目竣工环境保护验收监测（报告书类）", "Environmental acceptance monitoring (full-report projects)", "", Req{"cma", "none"})
	c.add("HJ", days(20, 10), regSTHJ, "建设项目竣工环境保护验收监测（报告表类）", "Environmental acceptance monitoring (report-form projects)", "", Req{"cma", "none"})
	c.add("HJ", days(20, 10), regSTHJ, "突发环境事件应急预案编制", "Environmental emergency plan", "")
	c.add("HJ", days(30, 15), regSTHJ, "土壤污染状况调查", "Soil contamination investigation", "", Req{"cma", "none"})
	c.add("HJ", days(40, 20), regSTHJ, "清洁生产审核", "Cleaner production audit", "")
	c.add("HJ", days(40, 20), regSTHJ, "环境影响后评价", "Post-project environmental impact evaluation", "", Req{"eia_registration", "none"})

	// 水务.
	c.variants("SW", days(30, 15), regSW, "水土保持方案报告书编制（%s）", "Soil and water conservation plan, full report (%s)", "",
		[]variant{{"线型工程", "linear works"}, {"点型工程", "site works"}, {"水利水电工程", "water and hydropower works"}},
		Req{"swc_plan", "star3"})
	c.variants("SW", days(14, 7), regSW, "水土保持方案报告表编制（%s）", "Soil and water conservation plan, report form (%s)", "",
		[]variant{{"线型工程", "linear works"}, {"点型工程", "site works"}}, Req{"swc_plan", "star1"})
	c.add("SW", days(30, 15), regSW, "水资源论证报告书编制", "Water resources assessment, full report", "", Req{"hydrology", "b"})
	c.add("SW", days(20, 10), regSW, "水资源论证报告表编制", "Water resources assessment, report form", "", Req{"hydrology", "b"})
	c.add("SW", days(30, 15), regSW, "洪水影响评价", "Flood impact assessment", "", Req{"design_water", "c"})
	c.add("SW", days(30, 15), regSW, "入河排污口设置论证报告书编制", "Outfall siting study, full report", "")
	c.add("SW", days(20, 10), regSW, "入河排污口设置论证报告表编制", "Outfall siting study, report form", "")
	c.add("SW", days(20, 10), regSW, "水土保持监测", "Soil and water conservation monitoring", "", Req{"swc_monitoring", "star3"})
	c.add("SW", days(20, 10), regSW, "水土保持设施验收报告编制", "Soil and water conservation acceptance report", "")
	c.add("SW", days(30, 15), regSW, "涉河建设方案编制", "Plan for works within river management areas", "", Req{"design_water", "c"})
	c.add("SW", days(20, 10), regSW, "水文分析计算", "Hydrological analysis", "", Req{"hydrology", "b"})
	c.add("SW", days(15, 7), regSW, "水利工程质量检测", "Water works quality testing", "", Req{"water_testing", "b"})
	c.add("SW", days(40, 20), regSW, "水库大坝安全鉴定", "Dam safety appraisal", "", Req{"design_water", "b"})

	// 应急管理 and 卫生健康.
	hazards := []variant{{"非煤矿山", "non-coal mines"}, {"危险化学品", "hazardous chemicals"}, {"金属冶炼", "metal smelting"}, {"烟花爆竹", "fireworks"}}
	c.variants("AQ", days(30, 15), regYJ, "安全预评价（%s）", "Pre-construction safety assessment (%s)", "", hazards, Req{"safety_assessment", "b"})
	c.variants("AQ", days(30, 15), regYJ, "安全验收评价（%s）", "Safety acceptance assessment (%s)", "", hazards, Req{"safety_assessment", "b"})
	c.add("AQ", days(30, 15), regYJ, "安全现状评价", "Safety status assessment", "", Req{"safety_assessment", "b"})
	c.add("AQ", days(20, 10), regYJ, "生产安全事故应急预案编制", "Production safety emergency plan", "")
	c.add("AQ", days(30, 15), regWJW, "职业病危害预评价（一般）", "Occupational hazard pre-assessment (ordinary)", "", Req{"occupational_health", "b"})
	c.add("AQ", days(30, 15), regWJW, "职业病危害预评价（严重）", "Occupational hazard pre-assessment (serious)", "", Req{"occupational_health", "a"})
	c.add("AQ", days(30, 15), regWJW, "职业病危害控制效果评价（一般）", "Occupational hazard control evaluation (ordinary)", "", Req{"occupational_health", "b"})
	c.add("AQ", days(30, 15), regWJW, "职业病危害控制效果评价（严重）", "Occupational hazard control evaluation (serious)", "", Req{"occupational_health", "a"})
	c.add("AQ", days(30, 15), regWJW, "职业病危害现状评价", "Occupational hazard status assessment", "", Req{"occupational_health", "b"})
	c.add("AQ", days(15, 7), regWJW, "职业病危害因素检测", "Occupational hazard factor testing", "", Req{"occupational_health", "b"})
	c.add("AQ", days(30, 15), regWJW, "放射诊疗建设项目职业病危害放射防护预评价", "Radiation protection pre-assessment of radiology projects", "", Req{"radiation_health", "b"})
	c.add("AQ", days(30, 15), regWJW, "放射诊疗建设项目职业病危害控制效果评价", "Radiation protection control evaluation of radiology projects", "", Req{"radiation_health", "b"})

	// 地震 and 气象.
	c.add("DZ", days(30, 15), regDZ, "地震安全性评价（重大建设工程）", "Seismic safety evaluation (major works)", "")
	c.add("DZ", days(30, 15), regDZ, "地震安全性评价（可能发生严重次生灾害的建设工程）", "Seismic safety evaluation (works with secondary disaster risk)", "")
	c.add("DZ", days(20, 10), regDZ, "场地地震动参数复核", "Site ground motion parameter review", "")
	c.add("DZ", days(10, 5), regQX, "雷电防护装置设计技术评价", "Lightning protection design evaluation", "", Req{"lightning", "b"})
	c.add("DZ", days(10, 5), regQX, "雷电防护装置检测（新建、改建、扩建工程）", "Lightning protection inspection (new works)", "", Req{"lightning", "b"})
	c.add("DZ", days(10, 5), regQX, "雷电防护装置定期检测", "Periodic lightning protection inspection", "", Req{"lightning", "b"})
	c.add("DZ", days(14, 7), regQX, "雷击风险评估", "Lightning strike risk assessment", "")
	c.add("DZ", days(30, 15), regQX, "气候可行性论证", "Climate feasibility study", "")

	// 住房和城乡建设.
	c.add("JS", days(30, 15), regZJJ, "岩土工程勘察", "Geotechnical investigation", "", Req{"geotech_survey", "b"})
	c.add("JS", days(30, 15), regZJJ, "水文地质勘察", "Hydrogeological investigation", "", Req{"geotech_survey", "b"})
	c.add("JS", days(20, 10), regZJJ, "工程测量", "Engineering survey", "", Req{"surveying", "c"})
	for _, d := range []struct {
		variant
		typ, min string
	}{
		{variant{"建筑工程", "building works"}, "design_building", "c"},
		{variant{"市政道路", "municipal roads"}, "design_municipal", "c"},
		{variant{"市政给水排水", "municipal water supply and drainage"}, "design_municipal", "c"},
		{variant{"市政桥梁", "municipal bridges"}, "design_municipal", "b"},
		{variant{"公路", "highways"}, "design_highway", "c"},
		{variant{"水利", "water conservancy"}, "design_water", "c"},
		{variant{"电力", "electric power"}, "design_power", "c"},
		{variant{"风景园林", "landscape architecture"}, "design_landscape", "b"},
	} {
		c.add("JS", days(40, 20), regZJJ, "工程设计（"+d.zh+"）", "Engineering design ("+d.en+")", "", Req{d.typ, d.min})
	}
	c.variants("JS", days(20, 10), regZJJ, "施工图审查（%s）", "Construction drawing review (%s)", "",
		[]variant{{"房屋建筑工程", "building works"}, {"市政基础设施工程", "municipal works"}, {"消防设计", "fire protection design"}},
		Req{"drawing_review", "class2"})
	c.add("JS", days(20, 10), regZJJ, "工程概算编制", "Construction budget estimate", "", Req{"cost_consulting", "b"})
	c.add("JS", days(20, 10), regZJJ, "工程量清单及最高投标限价编制", "Bill of quantities and tender ceiling price", "", Req{"cost_consulting", "b"})
	c.add("JS", days(30, 15), regZJJ, "工程结算审核", "Final account review", "", Req{"cost_consulting", "b"})
	c.add("JS", days(60, 30), regZJJ, "全过程造价咨询", "Whole-process cost consulting", "", Req{"cost_consulting", "b"})
	c.add("JS", days(20, 10), regZJJ, "工程监理（房屋建筑工程）", "Construction supervision (building works)", "", Req{"supervision", "c"})
	c.add("JS", days(20, 10), regZJJ, "工程监理（市政公用工程）", "Construction supervision (municipal works)", "", Req{"supervision", "c"})
	c.add("JS", days(20, 10), regZJJ, "工程监理（公路工程）", "Construction supervision (highway works)", "", Req{"supervision", "b"})
	c.add("JS", days(20, 10), regZJJ, "招标代理", "Tendering agency", "", Req{"tendering", "none"})
	c.add("JS", days(15, 7), regZJJ, "建筑节能检测", "Building energy efficiency testing", "", Req{"quality_testing", "none"})
	c.add("JS", days(15, 7), regZJJ, "桩基检测", "Pile foundation testing", "", Req{"quality_testing", "none"})
	c.add("JS", days(20, 10), regZJJ, "房屋安全鉴定", "Building safety appraisal", "", Req{"house_safety", "none"})
	c.add("JS", days(15, 7), regZJJ, "消防设施检测", "Fire protection system inspection", "", Req{"fire_service", "none"})
	c.add("JS", days(15, 7), regZJJ, "竣工测绘", "As-built survey", "", Req{"surveying", "c"})
	c.add("JS", days(60, 30), regZJJ, "全过程工程咨询", "Whole-process engineering consulting", "",
		Req{"eng_consulting", "b"}, Req{"cost_consulting", "b"})
	c.add("JS", days(30, 15), regZJJ, "建筑抗震鉴定", "Seismic appraisal of buildings", "", Req{"house_safety", "none"})
	c.add("JS", days(15, 7), regZJJ, "主体结构检测", "Main structure testing", "", Req{"quality_testing", "none"})
	c.add("JS", days(40, 20), regZJJ, "人民防空工程设计", "Civil air defence works design", "", Req{"design_building", "b"})

	// 交通运输 and 文物.
	c.add("JT", days(20, 10), regJT, "交通影响评价（建设项目）", "Traffic impact assessment (projects)", "")
	c.add("JT", days(30, 15), regJT, "交通影响评价（大型公共建筑）", "Traffic impact assessment (large public buildings)", "")
	c.add("JT", days(14, 7), regJT, "涉路施工安全评价", "Safety assessment of works affecting roads", "")
	c.add("JT", days(15, 7), regJT, "公路工程试验检测", "Highway works testing", "", Req{"highway_testing", "b"})
	c.add("JT", days(30, 15), regJT, "航道通航条件影响评价", "Navigation impact assessment", "")
	c.add("JT", days(20, 10), regWL, "文物影响评估", "Cultural heritage impact assessment", "")
	c.add("JT", days(30, 15), regWL, "考古调查勘探", "Archaeological survey and exploration", "", Req{"archaeology", "none"})
	c.add("JT", days(30, 15), regWL, "文物保护工程设计方案编制", "Heritage conservation works design", "", Req{"heritage_design", "b"})

	// 财务与法律.
	c.variants("CW", days(20, 10), regCZ, "资产评估（%s）", "Asset valuation (%s)", "",
		[]variant{{"企业价值", "business value"}, {"机器设备", "machinery and equipment"}, {"无形资产", "intangible assets"}, {"不动产", "real property"}},
		Req{"asset_valuation", "none"})
	c.add("CW", days(30, 15), regCZ, "年度财务报表审计", "Annual financial statement audit", "", Req{"accounting_firm", "none"})
	c.add("CW", days(30, 15), regCZ, "专项资金审计", "Special fund audit", "", Req{"accounting_firm", "none"})
	c.add("CW", days(30, 15), regSJ, "竣工决算审计", "Completion final accounts audit", "", Req{"accounting_firm", "none"})
	c.add("CW", days(30, 15), regSJ, "工程结算审计", "Construction settlement audit", "", Req{"cost_consulting", "b"})
	c.add("CW", days(20, 10), regZJJ, "房地产估价（征收评估）", "Real estate appraisal (expropriation)", "", Req{"real_estate_appraisal", "b"})
	c.add("CW", days(10, 5), regZJJ, "房地产估价（抵押评估）", "Real estate appraisal (mortgage)", "", Req{"real_estate_appraisal", "c"})
	c.add("CW", days(20, 10), regZJJ, "房地产估价（司法鉴定评估）", "Real estate appraisal (judicial)", "", Req{"real_estate_appraisal", "b"})
	c.add("CW", days(10, 5), regSF, "常年法律顾问服务", "Standing legal counsel", "", Req{"law_firm", "none"})
	c.add("CW", days(10, 5), regSF, "合同审查等专项法律服务", "Contract review and other legal services", "", Req{"law_firm", "none"})
	c.add("CW", days(20, 10), regSF, "法律尽职调查", "Legal due diligence", "", Req{"law_firm", "none"})

	return c.items
}

type variant struct{ zh, en string }

type daysPair struct{ legal, committed int }

func days(legal, committed int) daysPair { return daysPair{legal, committed} }

type itemList struct {
	items []Item
	next  map[string]int
}

// add appends an item with the next code of prefix.
func (c *itemList) add(prefix string, d daysPair, regulator, zh, en, desc string, reqs ...Req) {
	c.next[prefix]++
	c.items = append(c.items, Item{Code: fmt.Sprintf("%s-%03d", prefix, c.next[prefix]), NameZH: zh, NameEN: en,
		Category: categoryOf[prefix], Regulator: regulator, LegalDays: d.legal, CommittedDays: d.committed,
		Description: desc, Requirements: reqs})
}

// variants adds one item per variant; the formats take the variant's name.
func (c *itemList) variants(prefix string, d daysPair, regulator, zhFormat, enFormat, descFormat string, vs []variant, reqs ...Req) {
	for _, v := range vs {
		desc := descFormat
		if desc != "" {
			desc = fmt.Sprintf(descFormat, v.zh)
		}
		c.add(prefix, d, regulator, fmt.Sprintf(zhFormat, v.zh), fmt.Sprintf(enFormat, v.en), desc, reqs...)
	}
}
