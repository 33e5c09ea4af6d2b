package demo

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"intermart/internal/authz"
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

// loadAgencies gives every demo agency its application in its state: profile,
// qualifications with a scan in MinIO, practitioners, listings, the review
// history and sanctions. Agencies that already have a profile are skipped.
func loadAgencies(ctx context.Context, tx bun.Tx, store *objects.Store, hash string) error {
	now := time.Now().UTC()
	var reviewer int64
	if err := tx.NewRaw("SELECT id FROM users WHERE username = 'reg.zwfw'").Scan(ctx, &reviewer); err != nil {
		return fmt.Errorf("demo reviewer: %w", err)
	}
	agencies := Agencies()
	todo := map[int]int64{}
	for i, a := range agencies {
		orgID, created, err := ensureAgencyOrg(ctx, tx, a, i, hash)
		if err != nil {
			return err
		}
		if created {
			todo[i] = orgID
		}
	}
	scans, err := uploadScans(ctx, store, agencies, todo)
	if err != nil {
		return err
	}
	for i, orgID := range todo {
		if err := loadApplication(ctx, tx, scans[i], agencies[i], i, orgID, reviewer, now); err != nil {
			return fmt.Errorf("demo agency %s: %w", agencies[i].Name, err)
		}
	}
	return nil
}

// uploadScans stores a certificate scan for each agency to load, several at
// a time: the uploads are most of the loading time.
func uploadScans(ctx context.Context, store *objects.Store, agencies []demoAgency, todo map[int]int64) (map[int]objects.Stored, error) {
	var (
		mu    sync.Mutex
		scans = map[int]objects.Stored{}
	)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i, orgID := range todo {
		g.Go(func() error {
			a := agencies[i]
			pdf := certificatePDF("Holder: "+agencyCode(a.Region, i), "Demo data of the Dali intermediary services marketplace")
			scan, err := store.Put(ctx, fmt.Sprintf("qualification_scan/%d/demo-certificate.pdf", orgID),
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

// ensureAgencyOrg returns the agency's organisation, creating it and its
// admin when missing; created is false when its profile already exists.
func ensureAgencyOrg(ctx context.Context, tx bun.Tx, a demoAgency, i int, hash string) (int64, bool, error) {
	var orgID int64
	err := tx.NewRaw("SELECT organisation_id FROM users WHERE username = ?", a.Username).Scan(ctx, &orgID)
	if err != nil {
		status := identity.StatusActive
		if a.State == stateSubmitted || a.State == stateRejected {
			status = identity.StatusPendingReview
		}
		org := &identity.Organisation{Kind: identity.KindAgency, Name: a.Name, CreditCode: agencyCode(a.Region, i),
			RegionCode: a.Region, Status: status, ContactName: a.Person, ContactPhone: fmt.Sprintf("0872-22%05d", i)}
		if _, err := tx.NewInsert().Model(org).Returning("id").Exec(ctx); err != nil {
			return 0, false, fmt.Errorf("demo agency %s: %w", a.Name, err)
		}
		u := &identity.User{OrganisationID: org.ID, Username: a.Username, DisplayName: a.Person, Role: authz.AgencyAdmin, PasswordHash: hash}
		if _, err := tx.NewInsert().Model(u).Exec(ctx); err != nil {
			return 0, false, err
		}
		orgID = org.ID
	}
	var exists bool
	if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM agency_profiles WHERE organisation_id = ?)", orgID).Scan(ctx, &exists); err != nil {
		return 0, false, err
	}
	return orgID, !exists, nil
}

type demoItem struct {
	ID          int64 `bun:"id"`
	RegulatorID int64 `bun:"regulator_id"`
}

type demoRequirement struct {
	TypeID int64  `bun:"type_id"`
	Level  string `bun:"code"`
}

func loadApplication(ctx context.Context, tx bun.Tx, scan objects.Stored, a demoAgency, i int, orgID, reviewer int64, now time.Time) error {
	approved := a.State != stateSubmitted && a.State != stateRejected
	profileStatus := map[bool]string{true: "approved", false: a.State}[approved]
	_, err := tx.NewRaw(`INSERT INTO agency_profiles (organisation_id, legal_representative, address, introduction, status, submitted_at, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, a.Person, fmt.Sprintf("大理白族自治州%s 人民路 %d 号", regionName(a.Region), 10+i),
		fmt.Sprintf("%s成立于 20%02d 年，专业从事%s相关中介服务。", a.Name, 5+i%15, categoryName(a.Category)),
		profileStatus, now.Add(-30*24*time.Hour), decidedAt(a.State, now)).Exec(ctx)
	if err != nil {
		return err
	}
	var fileID int64
	err = tx.NewRaw(`INSERT INTO files (organisation_id, purpose, object_key, version_id, sha256, size_bytes, content_type, filename, uploaded_by)
		SELECT ?, 'qualification_scan', ?, ?, ?, ?, 'application/pdf', '资质证书扫描件.pdf', u.id FROM users u WHERE u.username = ?
		RETURNING id`, orgID, scan.Key, scan.VersionID, scan.SHA256, scan.Size, a.Username).Scan(ctx, &fileID)
	if err != nil {
		return err
	}

	var items []demoItem
	if err := tx.NewRaw("SELECT id, regulator_id FROM service_items WHERE category_code = ? AND active ORDER BY code", a.Category).Scan(ctx, &items); err != nil {
		return err
	}
	if len(items) == 0 {
		return fmt.Errorf("no catalogue items in category %s", a.Category)
	}
	picked := []demoItem{}
	for k := 0; k < 2+i%3 && k < len(items); k++ {
		picked = append(picked, items[(i+k*3)%len(items)])
	}
	// One qualification per required type, at the type's highest level.
	qualStatus := map[bool]string{true: "approved", false: "submitted"}[approved]
	if a.State == stateRejected {
		qualStatus = "rejected"
	}
	held := map[int64]bool{}
	for n, it := range picked {
		var reqs []demoRequirement
		err := tx.NewRaw(`SELECT r.type_id, top.code FROM service_item_requirements r
			JOIN LATERAL (SELECT code FROM qualification_levels WHERE type_id = r.type_id ORDER BY rank LIMIT 1) top ON true
			WHERE r.item_id = ?`, it.ID).Scan(ctx, &reqs)
		if err != nil {
			return err
		}
		for _, r := range reqs {
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
			_, err := tx.NewRaw(`INSERT INTO qualifications (organisation_id, type_id, level_code, certificate_no, issuer, valid_from, valid_to, scope, file_id, status)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, orgID, r.TypeID, r.Level, fmt.Sprintf("DL%04d-%02d", i+1, len(held)),
				"云南省相关主管部门", validTo.AddDate(-5, 0, 0).Format("2006-01-02"), validTo.Format("2006-01-02"),
				"大理白族自治州行政区域内", fileID, qualStatus).Exec(ctx)
			if err != nil {
				return err
			}
		}
		fee := fmt.Sprintf("按国家和云南省收费指导标准下浮 %d%%", 5+(i+n)%4*5)
		commitment := fmt.Sprintf("承诺在 %d 个工作日内完成，成果质量终身负责", 5+(i+n)%6)
		if approved {
			_, err = tx.NewRaw(`INSERT INTO listings (organisation_id, item_id, approved_fee_reference, approved_commitment, approved_at)
				VALUES (?, ?, ?, ?, ?)`, orgID, it.ID, fee, commitment, now.Add(-20*24*time.Hour)).Exec(ctx)
			if err == nil && a.State == stateChanging && n == 0 {
				_, err = tx.NewRaw(`UPDATE listings SET pending_fee_reference = ?, pending_commitment = ?, pending_status = 'submitted',
					pending_submitted_at = ? WHERE organisation_id = ? AND item_id = ?`, "按国家指导价下浮 25%", commitment, now.Add(-24*time.Hour), orgID, it.ID).Exec(ctx)
			}
		} else {
			status := map[bool]string{true: "rejected", false: "submitted"}[a.State == stateRejected]
			_, err = tx.NewRaw(`INSERT INTO listings (organisation_id, item_id, pending_fee_reference, pending_commitment, pending_status, pending_submitted_at)
				VALUES (?, ?, ?, ?, ?, ?)`, orgID, it.ID, fee, commitment, status, now.Add(-30*24*time.Hour)).Exec(ctx)
		}
		if err != nil {
			return err
		}
		if approved {
			if _, err := tx.NewRaw(`INSERT INTO review_events (organisation_id, subject, subject_id, action, actor_id, created_at)
				SELECT ?, 'listing', l.id, 'approved', (SELECT id FROM users WHERE organisation_id = ? ORDER BY id LIMIT 1), ?
				FROM listings l WHERE l.organisation_id = ? AND l.item_id = ?`, orgID, it.RegulatorID, now.Add(-20*24*time.Hour), orgID, it.ID).Exec(ctx); err != nil {
				return err
			}
		}
	}
	if _, err := tx.NewRaw(`INSERT INTO practitioners (organisation_id, name, certificate_no, id_number) VALUES (?, ?, ?, ?)`,
		orgID, a.Person, fmt.Sprintf("ZY%06d", 100000+i), idNumber(a.Region, i)).Exec(ctx); err != nil {
		return err
	}
	if err := profileEvents(ctx, tx, a, orgID, reviewer, now); err != nil {
		return err
	}
	return sanction(ctx, tx, a, orgID, reviewer, now)
}

func decidedAt(state string, now time.Time) *time.Time {
	if state == stateSubmitted {
		return nil
	}
	t := now.Add(-25 * 24 * time.Hour)
	return &t
}

func profileEvents(ctx context.Context, tx bun.Tx, a demoAgency, orgID, reviewer int64, now time.Time) error {
	insert := func(action, reason string, at time.Time, actor string) error {
		_, err := tx.NewRaw(`INSERT INTO review_events (organisation_id, subject, subject_id, action, reason, actor_id, created_at)
			VALUES (?, 'profile', ?, ?, ?, `+actor+`, ?)`, orgID, orgID, action, reason, at).Exec(ctx)
		return err
	}
	agent := fmt.Sprintf("(SELECT id FROM users WHERE username = '%s')", a.Username)
	if err := insert("submitted", "", now.Add(-30*24*time.Hour), agent); err != nil {
		return err
	}
	switch a.State {
	case stateSubmitted:
		return nil
	case stateRejected:
		return insert("rejected", "资质证书扫描件不清晰，且营业执照经营范围与申请的服务事项不符，请补正后重新提交。", now.Add(-25*24*time.Hour), fmt.Sprint(reviewer))
	}
	return insert("approved", "", now.Add(-25*24*time.Hour), fmt.Sprint(reviewer))
}

func sanction(ctx context.Context, tx bun.Tx, a demoAgency, orgID, reviewer int64, now time.Time) error {
	switch a.State {
	case stateSuspended:
		_, err := tx.NewRaw(`INSERT INTO sanctions (organisation_id, kind, reason, legal_basis, starts_at, ends_at, imposed_by, imposed_by_organisation_id)
			VALUES (?, 'suspension', ?, ?, ?, ?, ?, (SELECT organisation_id FROM users WHERE id = ?))`, orgID, "承接的监理项目未按承诺时限提交成果，且无正当理由。",
			"《大理州网上中介服务超市管理暂行办法》第二十条", now.Add(-10*24*time.Hour), now.Add(80*24*time.Hour), reviewer, reviewer).Exec(ctx)
		return err
	case stateBlacklisted:
		_, err := tx.NewRaw(`INSERT INTO sanctions (organisation_id, kind, reason, legal_basis, starts_at, imposed_by, imposed_by_organisation_id)
			VALUES (?, 'blacklist', ?, ?, ?, ?, (SELECT organisation_id FROM users WHERE id = ?))`, orgID, "在入驻申请中提供虚假的检测资质证书。",
			"《大理州网上中介服务超市管理暂行办法》第二十二条", now.Add(-60*24*time.Hour), reviewer, reviewer).Exec(ctx)
		return err
	}
	return nil
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
