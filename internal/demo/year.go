package demo

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"

	"intermart/internal/agency"
	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/identity"
	"intermart/internal/procurement"
	"intermart/internal/workdays"
)

// YearServices are the capabilities a year of the marketplace is driven
// through, every one of them on Clock, which the driver moves forward week
// by week. The contract service must be wired to procurement's awards (and
// whatever else listens to their changes), as the server wires them.
type YearServices struct {
	DB          *bun.DB
	Clock       *clock.Fixed
	Identity    *identity.Service
	Catalog     *catalog.Service
	Procurement *procurement.Service
	Contract    *contract.Service
	Agency      *agency.Service
}

// Fates of an award's contract in a year.
const (
	FateUnregistered = "unregistered" // left awaiting registration (late)
	FatePending      = "pending"      // registered, the counterparty never confirms
	FateActive       = "active"       // registered and in force at the year's end
	FateCompleted    = "completed"    // delivered, finally accepted, paid and rated
	FateTerminated   = "terminated"   // in force, then terminated with a reason
	fateCancelled    = "cancelled"    // the announcement is cancelled while open
)

// YearPlan says what a year of the marketplace holds. The driver publishes
// Awards announcements (plus Relisted second rounds of as many failed first
// rounds) across the first PublishWeeks of the Weeks it runs; each is a
// lowest-price or random selection whose deal price is known in advance, so
// that the year's totals are exactly CeilingFen and DealFen. Of the awards,
// Registered become active (签约登记) — of which Completed are finally
// accepted and Terminated ended early — and Pending are registered but never
// confirmed; the rest stay awaiting registration.
type YearPlan struct {
	// Start is the first Monday of the year's weeks (any time of day: the
	// driver sets its own hours, in Shanghai).
	Start        time.Time
	Weeks        int
	PublishWeeks int

	Awards, Relisted                  int
	Registered, Completed, Terminated int
	Pending                           int
	// Cancelled more announcements are published and cancelled with a
	// reason before their deadline.
	Cancelled           int
	CeilingFen, DealFen int64
	// Returned of the completed contracts have their first deliverable
	// returned with comments before a new version is accepted.
	Returned int
	// ProjectSerial numbers the year's projects from this serial on, so
	// their codes are new.
	ProjectSerial int
	// Quiet are owner usernames whose announcements must all be finished
	// (completed, paid and rated) by the year's end: the browser tests read
	// these owners' open lists and expect the demo's own rows first.
	Quiet []string
	// Concurrency is how many cases are driven at once (default 4).
	Concurrency int
	// MaxServiceWorkdays caps the committed service periods (default 30):
	// under 10, every contract has a single milestone.
	MaxServiceWorkdays int
}

// YearTotals are what the driver did, counted as it went: the figures of
// DESIGN.md's statistics, computed independently of the dashboard.
type YearTotals struct {
	Published, Failed, Awarded           int
	Registered, Completed, Terminated    int
	CeilingFen, DealFen, SavingsFen      int64
	Announcements                        []int64 // every announcement the year published
	First, Last                          time.Time
	OnTimeCompleted, DeliverableVersions int
}

// yearCase is one planned service from its announcement to its contract's
// end.
type yearCase struct {
	n             int
	week          int // the week it is published
	owner         *authz.Principal
	region        string
	item          catalog.ServiceItem
	agencies      []int64 // the eligible agencies, the winner first
	method        string
	ceiling, deal int64
	failFirst     bool
	fate          string
	returnOnce    bool

	serviceID    int64
	in           procurement.AnnouncementInput
	announcement int64
	contract     int64
	state        string // where the driver has it
	since        int    // the week it got there
	project      string
}

// Case states as the driver moves them.
const (
	csPlanned    = "planned"
	csOpen       = "open"       // published, registrations to make
	csRegistered = "registered" // registrations made, waiting for the sweep
	csRelist     = "relist"     // the first round failed
	csAwarded    = "awarded"    // contract awaiting registration
	csPending    = "pending"
	csActive     = "active"
	csDone       = "done"
)

// year is a running drive.
type year struct {
	sv         YearServices
	plan       YearPlan
	cases      []*yearCase
	users      map[int64]*authz.Principal
	orgLocks   map[int64]*sync.Mutex
	usersMu    sync.Mutex
	contracts  map[int64]int64 // selection → contract
	selections map[int64]int64 // announcement → selection awarded
	hooksMu    sync.Mutex
	rules      *procurement.Rules
	totals     YearTotals
	totalsMu   sync.Mutex
}

// DriveYear drives plan through the services, week by week on the fixed
// clock, and returns its totals. Everything goes through the services'
// exported operations, as the users' requests would: projects, announcements
// published, agencies registering with sealed quotes, the sweep closing,
// selecting and awarding, contracts registered and confirmed, deliverables
// uploaded and returned or accepted, final acceptance with its certificate,
// payments, ratings, terminations.
func DriveYear(ctx context.Context, sv YearServices, plan YearPlan) (*YearTotals, error) {
	if plan.Concurrency <= 0 {
		plan.Concurrency = 4
	}
	y := &year{sv: sv, plan: plan, users: map[int64]*authz.Principal{}, orgLocks: map[int64]*sync.Mutex{}, contracts: map[int64]int64{}, selections: map[int64]int64{}}
	sv.Procurement.OnChange(y.onAnnouncement)
	sv.Contract.OnChange(y.onContract)
	var err error
	if y.rules, err = sv.Procurement.Rules(ctx); err != nil {
		return nil, err
	}
	if err := y.planCases(ctx); err != nil {
		return nil, err
	}
	for week := 0; week < plan.Weeks; week++ {
		if err := y.week(ctx, week); err != nil {
			return nil, fmt.Errorf("year, week %d: %w", week+1, err)
		}
	}
	y.totals.SavingsFen = y.totals.CeilingFen - y.totals.DealFen
	return &y.totals, nil
}

// onAnnouncement learns which selection each award made, and which rounds
// failed.
func (y *year) onAnnouncement(_ context.Context, _ bun.IDB, e audit.Event) error {
	if e.Action != "announcement.award" && e.Action != "announcement.fail" {
		return nil
	}
	var id int64
	if _, err := fmt.Sscanf(e.Chain, "announcement:%d", &id); err != nil {
		return nil
	}
	sel, _ := e.After.(map[string]any)["selectionId"].(int64)
	if e.Action == "announcement.fail" {
		sel = -1
	}
	y.hooksMu.Lock()
	y.selections[id] = sel
	y.hooksMu.Unlock()
	return nil
}

// onContract learns the contract each award created.
func (y *year) onContract(_ context.Context, _ bun.IDB, e audit.Event) error {
	if e.Action != "contract.create" {
		return nil
	}
	var id int64
	if _, err := fmt.Sscanf(e.Chain, "contract:%d", &id); err != nil {
		return nil
	}
	sel, _ := e.After.(map[string]any)["selectionId"].(int64)
	y.hooksMu.Lock()
	y.contracts[sel] = id
	y.hooksMu.Unlock()
	return nil
}

// at moves the clock to the given week's weekday hour (Shanghai); day 0 is
// the Monday.
func (y *year) at(week, day, hour, minute int) time.Time {
	s := y.plan.Start.In(clock.Shanghai)
	t := time.Date(s.Year(), s.Month(), s.Day()+7*week+day, hour, minute, 0, 0, clock.Shanghai).UTC()
	y.sv.Clock.Set(t)
	return t
}

// principal is the first enabled user of organisation org, of kind.
func (y *year) principal(ctx context.Context, org int64, kind string) (*authz.Principal, error) {
	y.usersMu.Lock()
	defer y.usersMu.Unlock()
	if p, ok := y.users[org]; ok {
		return p, nil
	}
	users, err := y.sv.Identity.Users(ctx, org)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if !u.Disabled {
			p := &authz.Principal{UserID: u.ID, OrgID: org, Role: u.Role, OrgKind: kind}
			y.users[org] = p
			return p, nil
		}
	}
	return nil, fmt.Errorf("organisation %d has no enabled user", org)
}

// each runs fn on every case for which pick is true, a few at a time, in
// the cases' order of planning.
func (y *year) each(ctx context.Context, pick func(c *yearCase) bool, fn func(ctx context.Context, c *yearCase) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(y.plan.Concurrency)
	for _, c := range y.cases {
		if !pick(c) {
			continue
		}
		g.Go(func() error {
			if err := fn(ctx, c); err != nil {
				return fmt.Errorf("case %d (%s, announcement %d): %w", c.n, c.item.NameZH, c.announcement, err)
			}
			return nil
		})
	}
	return g.Wait()
}

// week is one week of the year, all on its Monday, the clock only moving
// forward: in the morning the rounds past their deadline close (selecting
// their winners), the sweep awards what left publicity and failed rounds
// are relisted; contracts are registered and confirmed, deliverables handed
// in and accepted; in the afternoon the week's new announcements are
// published and the agencies register for every open one.
func (y *year) week(ctx context.Context, w int) error {
	y.at(w, 0, 9, 0)
	// The closing jobs run at the deadlines, side by side; the sweep
	// awards what its publicity ended (and closes anything left).
	if err := y.each(ctx, func(c *yearCase) bool { return c.state == csRegistered }, func(ctx context.Context, c *yearCase) error {
		_, err := y.sv.Procurement.Close(ctx, c.announcement)
		return err
	}); err != nil {
		return err
	}
	if err := y.sv.Procurement.Sweep(ctx); err != nil {
		return err
	}
	if err := y.settle(ctx, w); err != nil {
		return err
	}
	y.at(w, 0, 9, 30)
	if err := y.each(ctx, func(c *yearCase) bool { return c.state == csRelist }, func(ctx context.Context, c *yearCase) error {
		return y.relist(ctx, c, w)
	}); err != nil {
		return err
	}
	y.at(w, 0, 10, 0)
	if err := y.each(ctx, func(c *yearCase) bool { return c.state == csAwarded && w > c.since && c.fate != FateUnregistered },
		func(ctx context.Context, c *yearCase) error { return y.register(ctx, c, w) }); err != nil {
		return err
	}
	y.at(w, 0, 11, 0)
	if err := y.each(ctx, func(c *yearCase) bool { return c.state == csActive && y.dueToEnd(c, w) },
		func(ctx context.Context, c *yearCase) error { return y.end(ctx, c, w) }); err != nil {
		return err
	}
	y.at(w, 0, 14, 0)
	if w < y.plan.PublishWeeks {
		if err := y.each(ctx, func(c *yearCase) bool { return c.state == csPlanned && c.week == w },
			func(ctx context.Context, c *yearCase) error { return y.publish(ctx, c, w) }); err != nil {
			return err
		}
	}
	y.at(w, 0, 15, 0)
	return y.each(ctx, func(c *yearCase) bool { return c.state == csOpen }, func(ctx context.Context, c *yearCase) error {
		return y.registerAgencies(ctx, c, w)
	})
}

// dueToEnd says whether an active contract ends (completed or terminated)
// this week: mostly within its committed period, sooner towards the end of
// the year, so that every planned ending is in it.
func (y *year) dueToEnd(c *yearCase, w int) bool {
	if c.fate != FateCompleted && c.fate != FateTerminated {
		return false
	}
	// On time: the final deliverable by the committed period's last
	// working day (the contract starts on the Monday it is registered and
	// ends on a Monday); one in five takes two weeks longer.
	wait := max(1, c.in.ServiceWorkdays/5)
	if c.n%5 == 0 {
		wait += 2
	}
	if left := y.plan.Weeks - 1 - w; left < 3 {
		wait = 1
	}
	return w-c.since >= wait
}

// settle reads, after the sweep, what became of the announcements the
// drive had waiting: failed rounds to relist, awards.
func (y *year) settle(ctx context.Context, w int) error {
	for _, c := range y.cases {
		if c.state != csRegistered {
			continue
		}
		y.hooksMu.Lock()
		sel, settled := y.selections[c.announcement]
		y.hooksMu.Unlock()
		switch {
		case !settled:
		case sel < 0:
			c.state, c.since = csRelist, w
			y.count(func(t *YearTotals) { t.Failed++ })
		default:
			y.hooksMu.Lock()
			c.contract = y.contracts[sel]
			y.hooksMu.Unlock()
			if c.contract == 0 {
				return fmt.Errorf("announcement %d awarded without a contract", c.announcement)
			}
			c.state, c.since = csAwarded, w
			y.count(func(t *YearTotals) {
				t.Awarded++
				t.CeilingFen += c.ceiling
				t.DealFen += c.deal
			})
		}
	}
	return nil
}

func (y *year) count(f func(t *YearTotals)) {
	y.totalsMu.Lock()
	defer y.totalsMu.Unlock()
	f(&y.totals)
}

// deadline is 17:00 on the rules' last working day of registration after now.
func (y *year) deadline(ctx context.Context, now time.Time) (time.Time, error) {
	d, err := workdays.DeadlineAfter(ctx, y.sv.DB, now, y.rules.RegistrationWorkdays)
	if err != nil {
		return d, err
	}
	return d.Add(-7 * time.Hour), nil
}

// publish creates the case's planned service and announcement and publishes it.
func (y *year) publish(ctx context.Context, c *yearCase, w int) error {
	now, _ := y.sv.Clock.Now(ctx, nil)
	code := fmt.Sprintf("%d-%s-47-01-%06d", now.In(clock.Shanghai).Year(), c.region, y.plan.ProjectSerial+c.n)
	name := fmt.Sprintf("%s%s项目", countyName(c.region), projectNames[c.n%len(projectNames)])
	p, err := y.sv.Procurement.CreateProject(ctx, c.owner, procurement.ProjectInput{Code: code, Name: name, RegionCode: c.region,
		TotalInvestmentFen: c.ceiling * int64(40+c.n%160), Stage: []string{procurement.StageApproval, procurement.StageDesign, procurement.StagePlanning}[c.n%3]})
	if err != nil {
		return fmt.Errorf("project %s: %w", code, err)
	}
	p, err = y.sv.Procurement.AddProjectService(ctx, c.owner.OrgID, p.ID, procurement.ProjectServiceInput{ItemID: c.item.ID,
		PlannedDate: now.In(clock.Shanghai).Format(time.DateOnly)})
	if err != nil {
		return err
	}
	c.serviceID, c.project = p.Services[0].ID, name
	deadline, err := y.deadline(ctx, now)
	if err != nil {
		return err
	}
	c.in = procurement.AnnouncementInput{ProjectServiceID: c.serviceID, Title: name + c.item.NameZH,
		Description:              fmt.Sprintf("为%s采购%s服务。服务内容以国家和云南省相关技术规范为准，成果须通过主管部门审查。", name, c.item.NameZH),
		PractitionerRequirements: "项目负责人须具有相应专业的执业资格，近三年无不良执业记录。",
		CeilingFen:               c.ceiling, Method: c.method, ServiceWorkdays: serviceWorkdays(c, y.plan.MaxServiceWorkdays), RegistrationDeadline: &deadline}
	if c.method == procurement.MethodRandom {
		deal := c.deal
		c.in.StatedPriceFen = &deal
	}
	a, err := y.sv.Procurement.CreateAnnouncement(ctx, c.owner, c.in)
	if err != nil {
		return err
	}
	c.announcement = a.ID
	if _, err := y.sv.Procurement.Publish(ctx, c.owner, c.owner.OrgID, a.ID); err != nil {
		return err
	}
	c.state, c.since = csOpen, w
	y.count(func(t *YearTotals) {
		t.Published++
		t.Announcements = append(t.Announcements, a.ID)
		if t.First.IsZero() {
			t.First = now
		}
		t.Last = now
	})
	return nil
}

// serviceWorkdays is the committed service period: up to the item's limit
// and most (when set), at most 30 working days; a third of the cases take
// under ten, with one milestone.
func serviceWorkdays(c *yearCase, most int) int {
	d := 10 + c.n%21
	if c.n%3 == 0 {
		d = 5 + c.n%5
	}
	if most > 0 {
		d = min(d, most)
	}
	return max(1, min(d, c.item.CommittedDays))
}

// relist drafts the failed round's next one and publishes it.
func (y *year) relist(ctx context.Context, c *yearCase, w int) error {
	now, _ := y.sv.Clock.Now(ctx, nil)
	next, err := y.sv.Procurement.Relist(ctx, c.owner, c.owner.OrgID, c.announcement)
	if err != nil {
		return err
	}
	deadline, err := y.deadline(ctx, now)
	if err != nil {
		return err
	}
	in := c.in
	in.RegistrationDeadline = &deadline
	if _, err := y.sv.Procurement.UpdateAnnouncement(ctx, c.owner, c.owner.OrgID, next.ID, in); err != nil {
		return err
	}
	if _, err := y.sv.Procurement.Publish(ctx, c.owner, c.owner.OrgID, next.ID); err != nil {
		return err
	}
	c.announcement, c.failFirst = next.ID, false
	c.state, c.since = csOpen, w
	y.count(func(t *YearTotals) {
		t.Published++
		t.Announcements = append(t.Announcements, next.ID)
		t.Last = now
	})
	return nil
}

// registerAgencies registers the case's agencies (or cancels an
// announcement planned to be): one alone for a round
// that is to fail, else three, the winner quoting the deal price and the
// others more (lowest price), or no quotes (random draw at the stated
// price, where any of them may be drawn).
func (y *year) registerAgencies(ctx context.Context, c *yearCase, w int) error {
	if c.fate == fateCancelled {
		_, err := y.sv.Procurement.Cancel(ctx, c.owner, c.owner.OrgID, c.announcement,
			procurement.CancelInput{Reason: "项目建设方案调整，本次采购暂停，择期重新发布。"})
		c.state, c.since = csDone, w
		return err
	}
	n := 3
	if c.failFirst {
		n = 1
	}
	gap := (c.ceiling - c.deal) / 3
	for i, org := range c.agencies[:n] {
		p, err := y.principal(ctx, org, identity.KindAgency)
		if err != nil {
			return err
		}
		var in procurement.RegistrationInput
		if procurement.UsesQuotes(c.method) {
			q := c.deal + int64(i)*gap
			in.QuoteFen = &q
		}
		if _, err := y.sv.Procurement.Register(ctx, p, c.announcement, "", in); err != nil {
			return fmt.Errorf("agency %d registers: %w", org, err)
		}
	}
	c.state, c.since = csRegistered, w
	return nil
}

// register has the contract registered by the agency (or, every third, the
// owner) with the signed PDF, and confirmed by the other side unless it is
// to stay pending.
func (y *year) register(ctx context.Context, c *yearCase, w int) error {
	now, _ := y.sv.Clock.Now(ctx, nil)
	k, err := y.sv.Contract.Get(ctx, y.sv.DB, c.contract)
	if err != nil {
		return err
	}
	owner := c.owner
	ag, err := y.principal(ctx, k.AgencyID, identity.KindAgency)
	if err != nil {
		return err
	}
	defer y.lock(owner.OrgID, ag.OrgID)()
	registrar, confirmer := ag, owner
	if c.n%3 == 0 {
		registrar, confirmer = owner, ag
	}
	pdf := contractPDF(k.Code, fmt.Sprintf("Contract of selection %d, announcement %d", k.SelectionID, k.AnnouncementID),
		fmt.Sprintf("Price %d fen; service period %d working days", c.deal, k.ServiceWorkdays), "Signed by both parties - demo document")
	f, err := y.sv.Contract.Files.Upload(ctx, registrar, contract.PurposeContractDocument, k.Code+".pdf", bytes.NewReader(pdf), int64(len(pdf)))
	if err != nil {
		return fmt.Errorf("contract document: %w", err)
	}
	today := clock.Today(now).Format(time.DateOnly)
	if _, err := y.sv.Contract.Register(ctx, registrar, c.contract, contract.ContractRegistration{DocumentFileID: f.ID, SignedOn: today, StartsOn: today}); err != nil {
		return err
	}
	if c.fate == FatePending {
		c.state, c.since = csPending, w
		return nil
	}
	if _, err := y.sv.Contract.Confirm(ctx, confirmer, c.contract); err != nil {
		return err
	}
	if _, err := y.sv.Contract.RecordPayment(ctx, owner, c.contract, contract.PaymentInput{AmountFen: c.deal * 3 / 10, PaidOn: today,
		Note: "预付款（合同价款的30%）"}); err != nil {
		return err
	}
	c.state, c.since = csActive, w
	y.count(func(t *YearTotals) { t.Registered++ })
	return nil
}

// end completes the contract — each milestone's deliverables uploaded and
// accepted, the first returned once where planned; the last acceptance is
// final and issues the certificate — then pays the rest and rates both ways;
// or terminates it.
func (y *year) end(ctx context.Context, c *yearCase, w int) error {
	now, _ := y.sv.Clock.Now(ctx, nil)
	owner := c.owner
	k, err := y.sv.Contract.Get(ctx, y.sv.DB, c.contract)
	if err != nil {
		return err
	}
	ag, err := y.principal(ctx, k.AgencyID, identity.KindAgency)
	if err != nil {
		return err
	}
	defer y.lock(owner.OrgID, ag.OrgID)()
	if c.fate == FateTerminated {
		reason := terminationReasons[c.n%len(terminationReasons)]
		if _, err := y.sv.Contract.Terminate(ctx, []*authz.Principal{owner, ag}[c.n%2], c.contract, contract.ContractTermination{Reason: reason}); err != nil {
			return err
		}
		c.state, c.since = csDone, w
		y.count(func(t *YearTotals) { t.Terminated++ })
		return nil
	}
	ms, err := contract.Milestones(ctx, y.sv.DB, c.contract)
	if err != nil {
		return err
	}
	versions := 0
	for i, m := range ms {
		tries := 1
		if i == 0 && c.returnOnce {
			tries = 2
		}
		for v := 1; v <= tries; v++ {
			sub, err := y.sv.Contract.OpenSubmission(ctx, ag, m.ID, "")
			if err != nil {
				return err
			}
			part := "interim"
			if m.Final {
				part = "final"
			}
			name := fmt.Sprintf("%s-%s-v%d.pdf", k.Code, part, v)
			pdf := contractPDF(k.Code, "DELIVERABLE: "+name, fmt.Sprintf("Milestone %d, version %d", m.Seq, v),
				"Report of the agency - demo document")
			if _, err := y.sv.Contract.Upload(ctx, ag, sub.ID, name, bytes.NewReader(pdf), int64(len(pdf))); err != nil {
				return err
			}
			if _, err := y.sv.Contract.Submit(ctx, ag, sub.ID); err != nil {
				return err
			}
			d := contract.SubmissionDecision{Accept: v == tries, Comments: "成果符合合同约定，予以验收。"}
			if !d.Accept {
				d.Comments = returnComments[c.n%len(returnComments)]
			}
			if _, err := y.sv.Contract.Decide(ctx, owner, sub.ID, d); err != nil {
				return err
			}
			versions++
		}
	}
	today := clock.Today(now).Format(time.DateOnly)
	if _, err := y.sv.Contract.RecordPayment(ctx, owner, c.contract, contract.PaymentInput{AmountFen: c.deal - c.deal*3/10, PaidOn: today,
		Note: "验收后支付余款"}); err != nil {
		return err
	}
	r := c.n % 7
	if _, err := y.sv.Contract.RateAgency(ctx, owner, c.contract, contract.AgencyRatingInput{Quality: 3 + min(2, r%3), Timeliness: 3 + r%3,
		Attitude: 4 + r%2, Fees: 3 + (r+1)%3, Conduct: 4 + (r+1)%2, Comment: agencyComments[c.n%len(agencyComments)]}); err != nil {
		return err
	}
	if _, err := y.sv.Contract.RateOwner(ctx, ag, c.contract, contract.OwnerRatingInput{Clarity: 3 + r%3, Cooperation: 4 + r%2,
		Payment: 3 + (r+2)%3, Comment: "需求清楚，配合积极。"}); err != nil {
		return err
	}
	onTime := k.DueOn != nil && !clock.Today(now).After(*k.DueOn)
	c.state, c.since = csDone, w
	y.count(func(t *YearTotals) {
		t.Completed++
		t.DeliverableVersions += versions
		if onTime {
			t.OnTimeCompleted++
		}
	})
	return nil
}

var terminationReasons = []string{
	"项目建设计划调整，经双方协商一致解除合同。",
	"中介机构项目负责人变更，无法继续履行合同。",
	"上级主管部门取消该项目立项，合同无法继续履行。",
}

var returnComments = []string{
	"第三章监测数据不全，请补充后重新提交。",
	"成果格式不符合技术规范要求，请修改。",
	"结论部分论证不足，请补充相关依据。",
}

var agencyComments = []string{
	"报告内容完整，按期提交，沟通顺畅。",
	"成果质量较好，个别章节经修改后通过。",
	"服务态度好，响应及时。",
	"技术力量较强，收费合理。",
}

var projectNames = []string{
	"城区道路提升改造", "农村饮水安全巩固提升", "中心学校教学楼建设", "乡镇卫生院改扩建", "污水处理厂提标改造",
	"高标准农田建设", "老旧小区改造", "河道综合治理", "农村公路提质改造", "文化活动中心建设",
	"地质灾害综合治理", "供水管网改扩建", "产业园区基础设施", "美丽乡村建设", "消防站建设",
}

// countyName is the county (or city) of a Dali division code, for project
// names; the prefecture for its own code.
func countyName(code string) string {
	if n := regionName(code); n != "" {
		return n
	}
	return "大理州"
}

// planCases lays out the year: owners, items with at least three eligible
// agencies, the week of each announcement, methods, prices and fates.
func (y *year) planCases(ctx context.Context) error {
	p := y.plan
	if p.Registered > p.Awards || p.Completed+p.Terminated > p.Registered || p.Registered+p.Pending > p.Awards || p.Relisted > p.Awards {
		return fmt.Errorf("year plan: inconsistent counts")
	}
	start := y.at(0, 0, 8, 0)
	end := start.AddDate(0, 0, 7*p.Weeks)
	items, err := y.sv.Catalog.Items(ctx, catalog.ItemFilter{})
	if err != nil {
		return err
	}
	type choice struct {
		item     catalog.ServiceItem
		agencies []int64
	}
	var choices []choice
	for _, it := range items {
		if !it.Active || it.CommittedDays < 1 {
			continue
		}
		listed, err := agency.ListedFor(ctx, y.sv.DB, it.ID)
		if err != nil {
			return err
		}
		var ok []int64
		for _, org := range listed {
			// Eligible all year long, and never sanctioned.
			a, err := agency.Eligibility(ctx, y.sv.DB, org, it.ID, start)
			if err != nil {
				return err
			}
			b, err := agency.Eligibility(ctx, y.sv.DB, org, it.ID, end)
			if err != nil {
				return err
			}
			if len(a) == 0 && len(b) == 0 && !y.sanctioned(ctx, org) {
				ok = append(ok, org)
			}
		}
		if len(ok) >= 3 {
			choices = append(choices, choice{it, ok})
		}
	}
	if len(choices) == 0 {
		return fmt.Errorf("year plan: no service item has three eligible agencies")
	}
	quiet := map[int64]bool{}
	var owners []*authz.Principal
	regions := map[int64]string{}
	for _, o := range Orgs() {
		if o.Kind != identity.KindOwner {
			continue
		}
		u, err := identity.FindUserByUsername(ctx, y.sv.DB, o.Users[0].Username)
		if err != nil {
			return err
		}
		pr := &authz.Principal{UserID: u.ID, OrgID: u.OrganisationID, Role: u.Role, OrgKind: identity.KindOwner}
		owners = append(owners, pr)
		regions[pr.OrgID] = o.Region
		if slices.Contains(p.Quiet, o.Users[0].Username) {
			quiet[pr.OrgID] = true
		}
	}
	var loud []*authz.Principal
	for _, o := range owners {
		if !quiet[o.OrgID] {
			loud = append(loud, o)
		}
	}
	ceilings, deals := split(p.Awards, p.CeilingFen, p.DealFen)
	// Fates, spread over the awards: the first of every stride of each.
	fates := make([]string, p.Awards)
	for i := range fates {
		fates[i] = FateUnregistered
	}
	assign := func(fate string, count int, eligible func(i int) bool) {
		for pass := 0; pass < 2 && count > 0; pass++ {
			for i := 0; i < p.Awards && count > 0; i++ {
				k := (i * 7919) % p.Awards // a fixed permutation (7919 is prime)
				if fates[k] == FateUnregistered && (pass == 1 || eligible(k)) {
					fates[k] = fate
					count--
				}
			}
		}
	}
	weekOf := func(i int) int { return i * p.PublishWeeks / p.Awards }
	ownerOf := func(i int) *authz.Principal { return owners[(i*5+i/len(owners))%len(owners)] }
	// The quiet owners' cases finish within the year: early ones, completed.
	early := func(i int) bool { return weekOf(i) < p.Weeks/2 }
	assign(FateCompleted, p.Completed, func(i int) bool { return !quiet[ownerOf(i).OrgID] || early(i) })
	assign(FateTerminated, p.Terminated, func(i int) bool { return !quiet[ownerOf(i).OrgID] })
	assign(FateActive, p.Registered-p.Completed-p.Terminated, func(i int) bool { return !quiet[ownerOf(i).OrgID] })
	assign(FatePending, p.Pending, func(i int) bool { return !quiet[ownerOf(i).OrgID] })
	returned := 0
	for i := 0; i < p.Awards; i++ {
		ch := choices[(i*3)%len(choices)]
		// The winner rotates among the item's eligible agencies.
		ags := slices.Clone(ch.agencies)
		r := (i / len(choices)) % len(ags)
		ags = append(ags[r:], ags[:r]...)
		c := &yearCase{n: i, week: weekOf(i), owner: ownerOf(i), item: ch.item, agencies: ags,
			method: procurement.MethodLowest, ceiling: ceilings[i], deal: deals[i], fate: fates[i], state: csPlanned}
		c.region = regions[c.owner.OrgID]
		if i%3 == 1 {
			c.method = procurement.MethodRandom
		}
		if quiet[c.owner.OrgID] && (fates[i] != FateCompleted || !early(i)) && len(loud) > 0 {
			// Left in flight at the year's end only by the others.
			c.owner = loud[i%len(loud)]
			c.region = regions[c.owner.OrgID]
		}
		if fates[i] == FateCompleted && returned < p.Returned {
			c.returnOnce = true
			returned++
		}
		y.cases = append(y.cases, c)
	}
	for k := 0; k < p.Cancelled && p.Awards > 0; k++ {
		i := p.Awards + k
		ch := choices[(i*3)%len(choices)]
		pool := loud
		if len(pool) == 0 {
			pool = owners
		}
		c := &yearCase{n: i, week: (2*k + 1) * p.PublishWeeks / (2 * p.Cancelled),
			owner: pool[k%len(pool)], item: ch.item, agencies: ch.agencies, method: procurement.MethodLowest,
			ceiling: ceilings[k%p.Awards], deal: deals[k%p.Awards], fate: fateCancelled, state: csPlanned}
		c.region = regions[c.owner.OrgID]
		y.cases = append(y.cases, c)
	}
	// The relisted: first rounds that fail, spread over the year, never in
	// the publication's last two weeks.
	for i, k := 0, 0; k < p.Relisted && i < p.Awards; i++ {
		c := y.cases[(i*4099)%p.Awards]
		if c.week+2 < p.PublishWeeks && !c.failFirst {
			c.failFirst = true
			k++
		}
	}
	return nil
}

// sanctioned reports whether agency org is under any sanction now (by the
// database's own clock) or later.
func (y *year) sanctioned(ctx context.Context, org int64) bool {
	now, err := clock.Database{}.Now(ctx, y.sv.DB)
	if err != nil {
		return true
	}
	reasons, err := agency.Eligibility(ctx, y.sv.DB, org, 0, now.AddDate(0, 0, 1))
	if err != nil {
		return true
	}
	return slices.Contains(reasons, agency.Sanctioned) || slices.Contains(reasons, agency.NotApproved)
}

// split divides ceilingTotal and dealTotal (fen) over n awards: ceilings
// in whole hundreds of yuan from 20,000 to 200,000 yuan or so, deals in
// whole tens of yuan at 60 % to 76 % of their ceilings, summing exactly to
// the totals. With a zero total, the year picks its own.
func split(n int, ceilingTotal, dealTotal int64) (ceilings, deals []int64) {
	ceilings, deals = make([]int64, n), make([]int64, n)
	if n == 0 {
		return
	}
	weights := []int64{3, 5, 8, 4, 6, 12, 5, 7, 20, 4, 9, 6, 15, 5, 8}
	var wsum int64
	for i := range n {
		wsum += weights[i%len(weights)]
	}
	if ceilingTotal == 0 {
		ceilingTotal = wsum * 800_000 // 8,000 yuan per weight: 68,000 yuan on average
	}
	if dealTotal == 0 {
		dealTotal = ceilingTotal / 1000 * 684 / 1000 * 1000
	}
	// Ceilings, in units of 100 yuan (10,000 fen).
	unitsC := ceilingTotal / 10_000
	var sumC int64
	for i := range n {
		ceilings[i] = unitsC * weights[i%len(weights)] / wsum
		sumC += ceilings[i]
	}
	for i := 0; sumC < unitsC; i = (i + 1) % n {
		ceilings[i]++
		sumC++
	}
	for i := range n {
		ceilings[i] *= 10_000
	}
	ceilings[n-1] += ceilingTotal - unitsC*10_000
	// Deals, in units of 10 yuan (1,000 fen), at a varying share of the
	// ceiling, scaled to the total.
	unitsD := dealTotal / 1000
	raw := make([]int64, n)
	var rawSum int64
	for i := range n {
		raw[i] = ceilings[i] / 1000 * int64(60+(i*7)%17) / 100
		rawSum += raw[i]
	}
	var sumD int64
	for i := range n {
		deals[i] = raw[i] * unitsD / rawSum
		sumD += deals[i]
	}
	for i := 0; sumD < unitsD; i = (i + 1) % n {
		if (deals[i]+1)*1000*100 <= ceilings[i]*90 {
			deals[i]++
			sumD++
		}
	}
	for i := range n {
		deals[i] *= 1000
	}
	deals[n-1] += dealTotal - unitsD*1000
	return ceilings, deals
}

// lock serialises the work of organisations org (an owner, then an agency,
// always in that order): one user's uploads run one at a time, as the
// upload limits want.
func (y *year) lock(orgs ...int64) func() {
	y.usersMu.Lock()
	var ms []*sync.Mutex
	for _, org := range orgs {
		m, ok := y.orgLocks[org]
		if !ok {
			m = new(sync.Mutex)
			y.orgLocks[org] = m
		}
		ms = append(ms, m)
	}
	y.usersMu.Unlock()
	for _, m := range ms {
		m.Lock()
	}
	return func() {
		for _, m := range ms {
			m.Unlock()
		}
	}
}

// MarkYearRead marks the notifications the year wrote (those after id
// afterID, from demo.LastNotification before it) read at its end, as their
// users would have: a new user of the demo finds this week's news unread,
// not a year's.
func MarkYearRead(ctx context.Context, idb bun.IDB, afterID int64, end time.Time) error {
	return agency.MarkNotificationsReadAfter(ctx, idb, afterID, end)
}

// LastNotification is the newest notification's id, before a year is driven.
func LastNotification(ctx context.Context, idb bun.IDB) (int64, error) {
	return agency.LastNotificationID(ctx, idb)
}
