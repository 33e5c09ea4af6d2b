package demo

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/objects"
)

// AgencyCount is how many agencies the demo marketplace has, as the one in
// the seed article listed.
const AgencyCount = 102

// Application states of demo agencies.
const (
	stateApproved    = "approved"
	stateSubmitted   = "submitted"
	stateRejected    = "rejected"
	stateSuspended   = "suspended"
	stateBlacklisted = "blacklisted"
	stateExpired     = "expired"  // approved, one qualification past its date
	stateChanging    = "changing" // approved, a listing change under review
)

// specialities say what an agency does: the catalogue category it lists
// items from, and the words its name ends with.
var specialities = []struct{ category, suffix string }{
	{"investment", "工程咨询有限公司"},
	{"environment", "环境科技有限公司"},
	{"land", "测绘有限公司"},
	{"construction", "工程造价咨询有限公司"},
	{"construction", "建设监理有限公司"},
	{"safety", "安全评价有限公司"},
	{"land", "地质勘查有限公司"},
	{"water", "水利水电勘测设计有限公司"},
	{"finance", "资产评估有限公司"},
	{"finance", "会计师事务所有限公司"},
	{"forestry", "林业调查规划设计有限公司"},
	{"seismic", "防雷检测有限公司"},
	{"transport", "交通规划设计有限公司"},
	{"construction", "工程检测有限公司"},
	{"environment", "环保咨询有限公司"},
}

var placeNames = []string{"苍山", "洱海", "下关", "喜洲", "崇圣", "石宝山", "茈碧湖", "玉案", "天龙", "银桥",
	"双廊", "挖色", "凤仪", "海东", "上关", "沙溪", "诺邓", "博南", "宝丰", "周城", "龙尾关", "太和", "感通", "清碧"}

var regionCodes = []string{"532901", "532901", "532901", "532922", "532923", "532924", "532925", "532926",
	"532927", "532928", "532929", "532930", "532931", "532932"}

// demoAgency is an agency of the demo with the state of its application.
type demoAgency struct {
	Name, Region, Username, Person, Category, State string
}

// Agencies lists the 102 demo agencies: the named ones of Orgs first.
func Agencies() []demoAgency {
	var list []demoAgency
	named := map[string]struct{ category, state string }{
		"agency":           {"investment", stateApproved},
		"agency.erhai":     {"environment", stateApproved},
		"agency.diancang":  {"land", stateApproved},
		"agency.dianxi":    {"construction", stateChanging},
		"agency.guihua":    {"land", stateApproved},
		"agency.santa":     {"safety", stateApproved},
		"agency.jinsuo":    {"land", stateExpired},
		"agency.jizushan":  {"construction", stateSuspended},
		"agency.yunnanyi":  {"construction", stateBlacklisted},
		"agency.xiaguan":   {"finance", stateApproved},
		"agency.hudiequan": {"finance", stateApproved},
		"agency.xinhua":    {"water", stateApproved},
		"agency.pending":   {"environment", stateSubmitted},
	}
	for _, o := range Orgs() {
		if o.Kind != identity.KindAgency {
			continue
		}
		n := named[o.Users[0].Username]
		list = append(list, demoAgency{o.Name, o.Region, o.Users[0].Username, o.Users[0].DisplayName, n.category, n.state})
	}
	surnames := []string{"杨", "李", "张", "段", "赵", "王", "杜", "字", "何", "施", "董", "苏"}
	givens := []string{"建华", "丽萍", "志强", "海燕", "文斌", "晓东", "春梅", "国平", "玉兰", "明", "敏", "强"}
	taken := map[string]bool{}
	for _, a := range list {
		taken[a.Name] = true
	}
	for i := 0; len(list) < AgencyCount; i++ {
		sp := specialities[i%len(specialities)]
		place := placeNames[(i/len(specialities)*5+i)%len(placeNames)]
		name := "大理" + place + sp.suffix
		if taken[name] {
			continue
		}
		taken[name] = true
		state := stateApproved
		switch {
		case i%11 == 5:
			state = stateSubmitted
		case i%17 == 8:
			state = stateRejected
		case i%23 == 3:
			state = stateExpired
		case i%19 == 7:
			state = stateChanging
		}
		list = append(list, demoAgency{
			Name:     name,
			Region:   regionCodes[i%len(regionCodes)],
			Username: fmt.Sprintf("ag%03d", i+1),
			Person:   surnames[i%len(surnames)] + givens[(i*7)%len(givens)],
			Category: sp.category, State: state,
		})
	}
	return list
}

// agencyCode makes a valid credit code for the i-th generated agency.
func agencyCode(region string, i int) string {
	return identity.CompleteCreditCode(fmt.Sprintf("91%sMA6Q%05d", region, i))
}

// loadAgencies gives every demo agency its application in its state: the
// organisation and its admin (identity), a certificate scan in MinIO
// (files), and the profile, qualifications, practitioners, listings, review
// history and sanctions (agency). Agencies that already have a profile are
// skipped.
func loadAgencies(ctx context.Context, tx bun.Tx, store *objects.Store, hash string, people identity.Seeded, cat *catalog.Seeded, now time.Time) error {
	agencies := Agencies()
	var orgs []identity.SeedOrganisation
	for i, a := range agencies {
		if _, named := people[a.Username]; named {
			continue
		}
		status := identity.StatusActive
		if a.State == stateSubmitted || a.State == stateRejected {
			status = identity.StatusPendingReview
		}
		orgs = append(orgs, identity.SeedOrganisation{Kind: identity.KindAgency, Name: a.Name, CreditCode: agencyCode(a.Region, i),
			RegionCode: a.Region, Status: status, ContactName: a.Person, ContactPhone: fmt.Sprintf("0872-22%05d", i),
			Users: []identity.SeedUser{{Username: a.Username, DisplayName: a.Person, Role: authz.AgencyAdmin}}})
	}
	generated, err := identity.SeedOrganisations(ctx, tx, orgs, hash)
	if err != nil {
		return err
	}
	for u, s := range generated {
		people[u] = s
	}
	have, err := agency.SeededProfiles(ctx, tx)
	if err != nil {
		return err
	}
	var todo []int
	for i, a := range agencies {
		if !have[people[a.Username].OrganisationID] {
			todo = append(todo, i)
		}
	}
	scans, err := uploadScans(ctx, store, agencies, todo, people)
	if err != nil {
		return err
	}
	// The first user of each regulator approves the listings of its items.
	regulatorUser := map[int64]int64{}
	for _, s := range people {
		if u, ok := regulatorUser[s.OrganisationID]; !ok || s.UserID < u {
			regulatorUser[s.OrganisationID] = s.UserID
		}
	}
	reviewer := people["reg.zwfw"]
	apps := make([]agency.SeedApplication, 0, len(todo))
	for _, i := range todo {
		a := agencies[i]
		agent := people[a.Username]
		fileID, err := files.SeedFile(ctx, tx, agent.OrganisationID, agent.UserID, files.PurposeQualificationScan,
			"资质证书扫描件.pdf", "application/pdf", scans[i])
		if err != nil {
			return err
		}
		app, err := application(a, i, agent, fileID, reviewer, regulatorUser, cat, now)
		if err != nil {
			return fmt.Errorf("demo agency %s: %w", a.Name, err)
		}
		apps = append(apps, app)
	}
	return agency.SeedApplications(ctx, tx, apps)
}

// uploadScans stores a certificate scan for each agency to load, several at
// a time: the uploads are most of the loading time.
func uploadScans(ctx context.Context, store *objects.Store, agencies []demoAgency, todo []int, people identity.Seeded) (map[int]objects.Stored, error) {
	var (
		mu    sync.Mutex
		scans = map[int]objects.Stored{}
	)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, i := range todo {
		g.Go(func() error {
			a := agencies[i]
			pdf := certificatePDF("Holder: "+agencyCode(a.Region, i), "Demo data of the Dali intermediary services marketplace")
			scan, err := store.Put(ctx, fmt.Sprintf("qualification_scan/%d/demo-certificate.pdf", people[a.Username].OrganisationID),
				bytes.NewReader(pdf), int64(len(pdf)), "application/pdf")
			if err != nil {
				return err
			}
			mu.Lock()
			scans[i] = scan
			mu.Unlock()
			return nil
		})
	}
	return scans, g.Wait()
}

// application is the i-th demo agency's application in its state.
func application(a demoAgency, i int, agent identity.SeededUser, fileID int64, reviewer identity.SeededUser,
	regulatorUser map[int64]int64, cat *catalog.Seeded, now time.Time) (agency.SeedApplication, error) {
	approved := a.State != stateSubmitted && a.State != stateRejected
	app := agency.SeedApplication{
		OrganisationID:      agent.OrganisationID,
		AgentID:             agent.UserID,
		LegalRepresentative: a.Person,
		Address:             fmt.Sprintf("大理白族自治州%s 人民路 %d 号", regionName(a.Region), 10+i),
		Introduction:        fmt.Sprintf("%s成立于 20%02d 年，专业从事%s相关中介服务。", a.Name, 5+i%15, categoryName(a.Category)),
		Status:              map[bool]string{true: agency.StatusApproved, false: a.State}[approved],
		SubmittedAt:         now.Add(-30 * 24 * time.Hour),
		Practitioners: []agency.SeedPractitioner{{Name: a.Person, CertificateNo: fmt.Sprintf("ZY%06d", 100000+i),
			IDNumber: idNumber(a.Region, i)}},
	}
	decided := now.Add(-25 * 24 * time.Hour)
	switch a.State {
	case stateSubmitted:
	case stateRejected:
		app.Decision = &agency.SeedDecision{Action: "rejected", ActorID: reviewer.UserID, At: decided,
			Reason: "资质证书扫描件不清晰，且营业执照经营范围与申请的服务事项不符，请补正后重新提交。"}
	default:
		app.Decision = &agency.SeedDecision{Action: "approved", ActorID: reviewer.UserID, At: decided}
	}

	var items []catalog.SeededItem
	for _, it := range cat.Items {
		if it.CategoryCode == a.Category && it.Active {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return app, fmt.Errorf("no catalogue items in category %s", a.Category)
	}
	var picked []catalog.SeededItem
	for k := 0; k < 2+i%3 && k < len(items); k++ {
		picked = append(picked, items[(i+k*3)%len(items)])
	}
	// One qualification per required type, at the type's highest level.
	qualStatus := map[bool]string{true: agency.StatusApproved, false: agency.StatusSubmitted}[approved]
	if a.State == stateRejected {
		qualStatus = agency.StatusRejected
	}
	held := map[int64]bool{}
	for n, it := range picked {
		for _, r := range it.Requirements {
			if held[r.TypeID] {
				continue
			}
			held[r.TypeID] = true
			validTo := now.AddDate(2, 0, 0)
			if a.State == stateExpired && len(held) == 1 {
				validTo = now.AddDate(0, 0, -40)
			}
			if i%13 == 4 && len(held) == 1 {
				validTo = now.AddDate(0, 0, 20) // the expiry job warns about this one
			}
			app.Qualifications = append(app.Qualifications, agency.SeedQualification{TypeID: r.TypeID, LevelCode: r.TopLevel,
				CertificateNo: fmt.Sprintf("DL%04d-%02d", i+1, len(held)), Issuer: "云南省相关主管部门",
				ValidFrom: validTo.AddDate(-5, 0, 0), ValidTo: validTo, Scope: "大理白族自治州行政区域内", FileID: fileID, Status: qualStatus})
		}
		fee := fmt.Sprintf("按国家和云南省收费指导标准下浮 %d%%", 5+(i+n)%4*5)
		commitment := fmt.Sprintf("承诺在 %d 个工作日内完成，成果质量终身负责", 5+(i+n)%6)
		l := agency.SeedListing{ItemID: it.ID}
		if approved {
			at := now.Add(-20 * 24 * time.Hour)
			l.ApprovedFee, l.ApprovedCommitment, l.ApprovedAt, l.ApprovedBy = fee, commitment, &at, regulatorUser[it.RegulatorID]
			if a.State == stateChanging && n == 0 {
				submitted := now.Add(-24 * time.Hour)
				l.PendingFee, l.PendingCommitment, l.PendingStatus, l.PendingSubmittedAt = "按国家指导价下浮 25%", commitment, agency.StatusSubmitted, &submitted
			}
		} else {
			submitted := now.Add(-30 * 24 * time.Hour)
			l.PendingFee, l.PendingCommitment, l.PendingSubmittedAt = fee, commitment, &submitted
			l.PendingStatus = map[bool]string{true: agency.StatusRejected, false: agency.StatusSubmitted}[a.State == stateRejected]
		}
		app.Listings = append(app.Listings, l)
	}

	switch a.State {
	case stateSuspended:
		ends := now.Add(80 * 24 * time.Hour)
		app.Sanctions = []agency.SeedSanction{{Kind: agency.Suspension, Reason: "承接的监理项目未按承诺时限提交成果，且无正当理由。",
			LegalBasis: "《大理州网上中介服务超市管理暂行办法》第二十条", StartsAt: now.Add(-10 * 24 * time.Hour), EndsAt: &ends,
			ImposedBy: reviewer.UserID, ImposedByOrganisationID: reviewer.OrganisationID}}
	case stateBlacklisted:
		app.Sanctions = []agency.SeedSanction{{Kind: agency.Blacklist, Reason: "在入驻申请中提供虚假的检测资质证书。",
			LegalBasis: "《大理州网上中介服务超市管理暂行办法》第二十二条", StartsAt: now.Add(-60 * 24 * time.Hour),
			ImposedBy: reviewer.UserID, ImposedByOrganisationID: reviewer.OrganisationID}}
	}
	return app, nil
}

// idNumber makes a well-formed resident ID number (with its check character)
// for a demo practitioner.
func idNumber(region string, i int) string {
	first := fmt.Sprintf("%s19%02d%02d%02d%03d", region, 70+i%25, 1+i%12, 1+i%28, 100+i)
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for k := 0; k < 17; k++ {
		sum += int(first[k]-'0') * weights[k]
	}
	return first + string("10X98765432"[sum%11])
}

func regionName(code string) string {
	names := map[string]string{"532900": "", "532901": "大理市", "532922": "漾濞县", "532923": "祥云县", "532924": "宾川县",
		"532925": "弥渡县", "532926": "南涧县", "532927": "巍山县", "532928": "永平县", "532929": "云龙县", "532930": "洱源县",
		"532931": "剑川县", "532932": "鹤庆县"}
	return names[code]
}

func categoryName(code string) string {
	names := map[string]string{"investment": "投资咨询", "land": "测绘与国土", "forestry": "林业调查", "environment": "环境影响评价",
		"water": "水利水保", "safety": "安全评价", "seismic": "防雷与地震", "construction": "工程建设", "transport": "交通",
		"finance": "财务与评估"}
	return names[code]
}
