package app

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sort"
	"strconv"
	"sync/atomic"
	"testing"

	"intermart/internal/agency"
	"intermart/internal/clock"
	"intermart/internal/draw"
	"intermart/internal/procurement"
)

// eligibleAgencies finds a service item for which at least n demo agencies
// are eligible, and returns it with the usernames of n of them (one per
// agency), and an approved agency that is not eligible for it.
func (s *testServer) eligibleAgencies(t testing.TB, n int) (itemID int64, users []string, outsider string) {
	t.Helper()
	ctx := context.Background()
	var rows []struct {
		ItemID   int64  `bun:"item_id"`
		OrgID    int64  `bun:"organisation_id"`
		Username string `bun:"username"`
	}
	if err := s.db.Bun.NewRaw(`SELECT DISTINCT ON (l.item_id, l.organisation_id) l.item_id, l.organisation_id, u.username
		FROM listings l JOIN users u ON u.organisation_id = l.organisation_id
		WHERE l.approved_at IS NOT NULL ORDER BY l.item_id, l.organisation_id, u.username`).Scan(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	now, err := clock.Database{}.Now(ctx, s.db.Bun)
	if err != nil {
		t.Fatal(err)
	}
	byItem := map[int64][]string{}
	var items []int64
	for _, r := range rows {
		reasons, err := agency.Eligibility(ctx, s.db.Bun, r.OrgID, r.ItemID, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(reasons) == 0 {
			if byItem[r.ItemID] == nil {
				items = append(items, r.ItemID)
			}
			byItem[r.ItemID] = append(byItem[r.ItemID], r.Username)
		}
	}
	sort.Slice(items, func(i, j int) bool { return len(byItem[items[i]]) > len(byItem[items[j]]) })
	if len(items) == 0 || len(byItem[items[0]]) < n {
		t.Fatalf("no item has %d eligible demo agencies", n)
	}
	itemID = items[0]
	// An approved agency without a listing of the item.
	outsider = ""
	err = s.db.Bun.NewRaw(`SELECT u.username FROM users u JOIN organisations o ON o.id = u.organisation_id
		WHERE o.kind = 'agency' AND o.status = 'active' AND u.username IN ('agency', 'agency.erhai', 'agency.diancang', 'agency.santa', 'agency.xiaguan', 'agency.xinhua', 'agency.guihua', 'agency.hudiequan')
		AND NOT EXISTS (SELECT 1 FROM listings l WHERE l.organisation_id = o.id AND l.item_id = ?) ORDER BY u.username LIMIT 1`, itemID).Scan(ctx, &outsider)
	if err != nil {
		t.Fatal(err)
	}
	return itemID, byItem[itemID][:n], outsider
}

// announcementOpts shape a published announcement for a test.
type announcementOpts struct {
	method     string
	ceiling    int64
	stated     int64 // random draw's stated price
	weights    [3]int
	ownerUser  string
	deadlineIn string // SQL interval from now
}

var announcementSerial atomic.Int64

// publish inserts an announcement open for registration, as publication
// leaves it: a code, a draw commitment and the sealed draw secret.
func (s *testServer) publish(t testing.TB, itemID int64, o announcementOpts) (id int64, code string) {
	t.Helper()
	if o.ownerUser == "" {
		o.ownerUser = "owner"
	}
	if o.ceiling == 0 {
		o.ceiling = 5_000_000
	}
	if o.deadlineIn == "" {
		o.deadlineIn = "1 day"
	}
	n := announcementSerial.Add(1)
	ownerOrg := s.id("SELECT organisation_id FROM users WHERE username = ?", o.ownerUser)
	userID := s.id("SELECT id FROM users WHERE username = ?", o.ownerUser)
	project := s.id(`INSERT INTO projects (owner_id, code, name, region_code, total_investment_fen, stage)
		VALUES (?, ?, '洱海保护治理测试项目', '532901', 100000000, 'design') RETURNING id`,
		ownerOrg, fmt.Sprintf("2026-532901-48-01-%06d", n))
	service := s.id(`INSERT INTO project_services (project_id, item_id) VALUES (?, ?) RETURNING id`, project, itemID)
	code = fmt.Sprintf("DLZJ-2026-T%05d", n)
	var stated any
	if o.method == procurement.MethodRandom {
		if o.stated == 0 {
			o.stated = o.ceiling * 8 / 10
		}
		stated = o.stated
	}
	var wp, wc, wr any
	if o.method == procurement.MethodComprehensive {
		if o.weights == [3]int{} {
			o.weights = [3]int{60, 30, 10}
		}
		wp, wc, wr = o.weights[0], o.weights[1], o.weights[2]
	}
	secret, err := draw.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	commitment := sha256.Sum256(secret)
	id = s.id(`INSERT INTO announcements (owner_id, project_id, project_service_id, item_id, region_code, code, ocid, title, description,
		ceiling_fen, stated_price_fen, method, weight_price, weight_credit, weight_rating, service_workdays, registration_deadline,
		status, draw_commitment, published_at, created_by)
		VALUES (?, ?, ?, ?, '532901', ?, ?, '测试公告 环境影响评价', '测试', ?, ?, ?, ?, ?, ?, 20, now() + ?::interval, 'open', ?, now(), ?)
		RETURNING id`, ownerOrg, project, service, itemID, code, "ocds-intermart-"+code, o.ceiling, stated, o.method,
		wp, wc, wr, o.deadlineIn, commitment[:], userID)
	sealed, err := s.caps.sealer.Seal(id, secret, []byte("draw:"+strconv.FormatInt(id, 10)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Bun.NewRaw("UPDATE announcements SET draw_secret_sealed = ? WHERE id = ?", sealed, id).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	return id, code
}

// passDeadline moves the announcement's deadline into the past, as time
// passing would, and closes it as the job at the deadline does.
func (s *testServer) passDeadline(t testing.TB, id int64) {
	t.Helper()
	s.exec(t, "UPDATE announcements SET registration_deadline = now() - interval '1 second' WHERE id = ?", id)
	if _, err := s.caps.procurement.Close(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

// endPublicity moves the current selection's publicity end into the past
// and sweeps, as the periodic job does.
func (s *testServer) endPublicity(t *testing.T, id int64) {
	t.Helper()
	s.exec(t, "UPDATE selections SET publicity_ends_at = now() - interval '1 second' WHERE announcement_id = ? AND status = 'in_publicity'", id)
	if err := s.caps.procurement.Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func (s *testServer) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if _, err := s.db.Bun.NewRaw(query, args...).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// register registers username's agency with a quote (0: none).
func (s *testServer) register(t testing.TB, c *client, id, quote int64, extra ...string) response {
	t.Helper()
	body := map[string]any{}
	if quote > 0 {
		body["quoteFen"] = quote
	}
	if len(extra) > 0 {
		body["justification"] = extra[0]
	}
	return c.do("PUT", fmt.Sprintf("/api/v1/announcements/%d/registration", id), body)
}

// result is the public result of code.
type resultDoc struct {
	Status      string `json:"status"`
	FailReason  string `json:"failReason"`
	Registrants []struct {
		RegistrationID int64  `json:"registrationId"`
		AgencyName     string `json:"agencyName"`
		CreditCode     string `json:"creditCode"`
		Eligible       bool   `json:"eligible"`
		QuoteFen       *int64 `json:"quoteFen"`
		PriceScore     *int   `json:"priceScore"`
		Score          *int   `json:"score"`
		Rank           *int   `json:"rank"`
	} `json:"registrants"`
	Selections []struct {
		ID                   int64  `json:"id"`
		Status               string `json:"status"`
		WinnerRegistrationID int64  `json:"winnerRegistrationId"`
		WinnerCreditCode     string `json:"winnerCreditCode"`
		DealPriceFen         *int64 `json:"dealPriceFen"`
		Drawn                bool   `json:"drawn"`
	} `json:"selections"`
	Actions          []string `json:"actions"`
	ScoredComponents []string `json:"scoredComponents"`
}

func (s *testServer) result(t *testing.T, code string) resultDoc {
	t.Helper()
	res := s.anonymous().do("GET", "/api/v1/notices/"+code+"/result", nil)
	if res.status != 200 {
		t.Fatalf("result of %s: %d %s", code, res.status, res.body)
	}
	var doc resultDoc
	res.json(t, &doc)
	return doc
}

func (s *testServer) drawDoc(t *testing.T, code string) draw.Public {
	t.Helper()
	res := s.anonymous().do("GET", "/api/v1/notices/"+code+"/draw", nil)
	if res.status != 200 {
		t.Fatalf("draw of %s: %d %s", code, res.status, res.body)
	}
	var p draw.Public
	res.json(t, &p)
	return p
}
