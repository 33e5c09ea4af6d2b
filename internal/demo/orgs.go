package demo

import (
	"fmt"

	"intermart/internal/authz"
	"intermart/internal/identity"
)

// Orgs lists the demo organisations. Government bodies carry credit codes of
// registration authority 1 (机构编制), companies of 9 (市场监管).
func Orgs() []Org {
	orgs := []Org{
		{Kind: identity.KindPlatform, Name: "大理州公共资源交易中心", Region: "532900", code17: "12532900MB0000001",
			Users: []Person{{"admin", "平台管理员 李娟", authz.PlatformAdmin}}},

		{Kind: identity.KindRegulator, Name: "大理州政务服务管理局", Region: "532900", code17: "11532900MB0100001", Reviewer: true,
			Users: []Person{{"reg.zwfw", "政务服务局 杨建华", authz.Regulator}}},
		{Kind: identity.KindRegulator, Name: "大理州发展和改革委员会", Region: "532900", code17: "11532900MB0100002",
			Users: []Person{{"reg.fgw", "发改委 段志强", authz.Regulator}}},
		{Kind: identity.KindRegulator, Name: "大理州生态环境局", Region: "532900", code17: "11532900MB0100003",
			Users: []Person{{"reg.sthj", "生态环境局 赵丽萍", authz.Regulator}}},
		{Kind: identity.KindRegulator, Name: "大理州住房和城乡建设局", Region: "532900", code17: "11532900MB0100004",
			Users: []Person{{"reg.zjj", "住建局 张国平", authz.Regulator}}},
		{Kind: identity.KindRegulator, Name: "大理州自然资源和规划局", Region: "532900", code17: "11532900MB0100005",
			Users: []Person{{"reg.zrzy", "自然资源局 李文斌", authz.Regulator}}},
	}
	// The industry departments in charge of the rest of the catalogue.
	regulators := []struct{ name, user, person string }{
		{regLC, "reg.lc", "林草局 和春华"},
		{regSW, "reg.sw", "水务局 杨志勇"},
		{regYJ, "reg.yj", "应急局 李红梅"},
		{regWJW, "reg.wjw", "卫健委 张丽华"},
		{regDZ, "reg.dz", "地震局 段永刚"},
		{regQX, "reg.qx", "气象局 赵云飞"},
		{regJT, "reg.jt", "交通局 王建林"},
		{regWL, "reg.wl", "文旅局 施雪梅"},
		{regCZ, "reg.cz", "财政局 杨晓东"},
		{regSJ, "reg.sj", "审计局 李国庆"},
		{regSF, "reg.sf", "司法局 苏文静"},
	}
	for i, r := range regulators {
		orgs = append(orgs, Org{Kind: identity.KindRegulator, Name: r.name, Region: "532900",
			code17: fmt.Sprintf("11532900MB01000%02d", i+6), Users: []Person{{r.user, r.person, authz.Regulator}}})
	}
	owners := []struct{ name, region, user, person string }{
		{"大理市住房和城乡建设局", "532901", "owner", "杨海燕"},
		{"大理州交通建设投资集团有限公司", "532900", "owner.zjt", "王志刚"},
		{"漾濞彝族自治县交通运输局", "532922", "owner.yangbi", "罗建军"},
		{"祥云县水务局", "532923", "owner.xiangyun", "李春梅"},
		{"宾川县教育体育局", "532924", "owner.binchuan", "张明"},
		{"弥渡县卫生健康局", "532925", "owner.midu", "周丽"},
		{"南涧彝族自治县自然资源局", "532926", "owner.nanjian", "茶永华"},
		{"巍山彝族回族自治县文化和旅游局", "532927", "owner.weishan", "马晓东"},
		{"永平县农业农村局", "532928", "owner.yongping", "赵德明"},
		{"云龙县住房和城乡建设局", "532929", "owner.yunlong", "段红梅"},
		{"洱源县人民医院", "532930", "owner.eryuan", "施正华"},
		{"剑川县城市建设投资开发有限公司", "532931", "owner.jianchuan", "何丽娟"},
		{"鹤庆县交通运输局", "532932", "owner.heqing", "寸光辉"},
	}
	for i, o := range owners {
		org := Org{Kind: identity.KindOwner, Name: o.name, Region: o.region,
			code17: fmt.Sprintf("11%sMB02%05d", o.region, i+1),
			Users:  []Person{{o.user, o.person, authz.OwnerAdmin}}}
		if o.user == "owner" {
			org.Users = append(org.Users, Person{"owner.staff", "经办人 陈晓云", authz.OwnerStaff})
		}
		if o.name == "剑川县城市建设投资开发有限公司" || o.name == "大理州交通建设投资集团有限公司" {
			org.code17 = fmt.Sprintf("91%sMA6K%05d", o.region, i+1)
		}
		orgs = append(orgs, org)
	}
	agencies := []struct{ name, region, user, person string }{
		{"大理苍洱工程咨询有限公司", "532901", "agency", "董立新"},
		{"云南洱海环境科技有限公司", "532901", "agency.erhai", "苏敏"},
		{"大理点苍测绘有限公司", "532901", "agency.diancang", "杨林"},
		{"云南滇西工程造价咨询有限公司", "532901", "agency.dianxi", "李华"},
		{"大理州城乡规划设计研究院有限公司", "532900", "agency.guihua", "王蕾"},
		{"云南三塔安全评价有限公司", "532901", "agency.santa", "高建"},
		{"大理金梭地质勘查有限公司", "532901", "agency.jinsuo", "和志远"},
		{"宾川鸡足山建设监理有限公司", "532924", "agency.jizushan", "尹光明"},
		{"祥云云南驿工程检测有限公司", "532923", "agency.yunnanyi", "朱红"},
		{"大理下关会计师事务所有限公司", "532901", "agency.xiaguan", "彭玉兰"},
		{"大理蝴蝶泉资产评估有限公司", "532901", "agency.hudiequan", "段文"},
		{"鹤庆新华水利水电勘测设计有限公司", "532932", "agency.xinhua", "寸建国"},
	}
	for i, a := range agencies {
		org := Org{Kind: identity.KindAgency, Name: a.name, Region: a.region, Status: identity.StatusActive,
			code17: fmt.Sprintf("91%sMA6P%05d", a.region, i+1),
			Users:  []Person{{a.user, a.person, authz.AgencyAdmin}}}
		if a.user == "agency" {
			org.Users = append(org.Users, Person{"agency.staff", "项目经理 施雨", authz.AgencyStaff})
		}
		orgs = append(orgs, org)
	}
	orgs = append(orgs, Org{Kind: identity.KindAgency, Name: "漾濞核桃林生态咨询有限公司", Region: "532922",
		Status: identity.StatusPendingReview, code17: "91532922MA6P90001",
		Users: []Person{{"agency.pending", "罗小兵", authz.AgencyAdmin}}})
	for i := range orgs {
		if orgs[i].Status == "" {
			orgs[i].Status = identity.StatusActive
		}
	}
	return orgs
}
