package opendata

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"intermart/internal/clock"
	"intermart/internal/contract"
	"intermart/internal/procurement"
)

// process is everything public about one announcement, read once and
// turned into each of its releases and its compiled release.
type process struct {
	*procurement.OpenProcess
	contracts []contract.OpenContract
}

// stageNames name the releases in their ids (ocid-name[-contract]).
var stageNames = map[int]string{
	procurement.OpenStageTender: "tender", procurement.OpenStageCancelled: "cancellation",
	procurement.OpenStageClosed: "bids", procurement.OpenStageFailed: "unsuccessful",
	procurement.OpenStageAwarded: "award", contract.OpenStageContract: "contract", contract.OpenStageEnded: "contract-end",
}

var stageTags = map[int]string{
	procurement.OpenStageTender: "tender", procurement.OpenStageCancelled: "tenderCancellation",
	procurement.OpenStageClosed: "tenderUpdate", procurement.OpenStageFailed: "tenderUpdate",
	procurement.OpenStageAwarded: "award", contract.OpenStageContract: "contract", contract.OpenStageEnded: "contractTermination",
}

// methodDetails describe the selection methods, in both languages.
var methodDetails = map[string]string{
	procurement.MethodDirect:        "直接选取 (direct selection by the owner among eligible registrants, with a written reason)",
	procurement.MethodRandom:        "随机抽取 (verifiable random draw among eligible registrants, at the stated price)",
	procurement.MethodLowest:        "竞价选取 (lowest valid sealed quote)",
	procurement.MethodComprehensive: "综合评审 (highest weighted score of price, credit score and past ratings)",
}

func partyID(p procurement.OpenParty) string { return "CN-USCC-" + p.CreditCode }

func ref(p procurement.OpenParty) *OrgRef { return &OrgRef{ID: partyID(p), Name: p.Name} }

func utc(t time.Time) *time.Time {
	u := t.UTC()
	return &u
}

// day is a calendar date (stored without a time) as the start of that day
// in Asia/Shanghai, in UTC.
func day(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, clock.Shanghai).UTC()
}

// awardID is the award's id: the selection's sequence within the process.
func awardID(ocid string, selectionID int64, p *process) string {
	if p.Result != nil {
		for _, s := range p.Result.Selections {
			if s.ID == selectionID {
				return ocid + "-award-" + strconv.Itoa(s.Seq)
			}
		}
	}
	return ocid + "-award-" + strconv.FormatInt(selectionID, 10)
}

// release builds the release of one moment. Each release carries the
// sections its stage changed, as they stand now, with the status the stage
// gave them; the compiled release (stage 0) carries everything current.
func (p *process) release(m procurement.OpenMoment) Release {
	r := Release{OCID: p.OCID, Date: m.At.UTC(), InitiationType: "tender", Language: "zh", Buyer: ref(p.Owner)}
	compiled := m.Stage == 0
	if compiled {
		r.ID, r.Tag = p.OCID+"-compiled", []string{"compiled"}
	} else {
		r.ID, r.Tag = p.OCID+"-"+stageNames[m.Stage], []string{stageTags[m.Stage]}
		if m.ContractID != 0 {
			r.ID += "-" + strconv.FormatInt(m.ContractID, 10)
		}
	}
	stage := m.Stage
	if compiled {
		stage = contract.OpenStageEnded
	}
	r.Parties = p.parties(stage)
	n := p.Notice
	t := &Tender{ID: n.Code}
	switch {
	case m.Stage == procurement.OpenStageTender || compiled:
		t.Title, t.Description, t.Status = n.Title, n.Description, "active"
		t.ProcuringEntity = ref(p.Owner)
		t.Items = []Item{{ID: "1", Description: n.ItemNameZH,
			Classification: &Classification{Scheme: "intermart-service-item", ID: p.ItemCode, Description: n.ItemNameZH}}}
		t.Value = yuan(n.CeilingFen)
		t.ProcurementMethod = "open"
		if n.Method == procurement.MethodDirect {
			t.ProcurementMethod = "direct"
		}
		t.ProcurementMethodDetails = methodDetails[n.Method]
		t.MainProcurementCategory = "services"
		switch n.Method {
		case procurement.MethodLowest:
			t.AwardCriteria = "priceOnly"
		case procurement.MethodComprehensive:
			t.AwardCriteria = "ratedCriteria"
			if n.WeightPrice != nil && n.WeightCredit != nil && n.WeightRating != nil {
				t.AwardCriteriaDetails = "价格 price " + strconv.Itoa(*n.WeightPrice) + "%, 信用 credit " +
					strconv.Itoa(*n.WeightCredit) + "%, 评价 ratings " + strconv.Itoa(*n.WeightRating) + "%"
			}
		}
		t.TenderPeriod = &Period{StartDate: utc(p.PublishedAt), EndDate: utc(n.RegistrationDeadline)}
		if compiled {
			t.Status = p.tenderStatus()
		}
	case m.Stage == procurement.OpenStageCancelled:
		t.Status = "cancelled"
	case m.Stage == procurement.OpenStageClosed:
		t.Status = "active"
	case m.Stage == procurement.OpenStageFailed:
		t.Status = "unsuccessful"
	case m.Stage == procurement.OpenStageAwarded:
		t.Status = "complete"
	default:
		t = nil
	}
	if t != nil && (m.Stage == procurement.OpenStageCancelled || compiled) && n.CancelledAt != nil {
		t.Amendments = []Amendment{{ID: "cancellation", Date: n.CancelledAt.UTC(), Rationale: n.CancelReason}}
	}
	if t != nil && (m.Stage == procurement.OpenStageFailed || compiled) && p.Result != nil && p.Result.FailedAt != nil {
		t.Amendments = append(t.Amendments, Amendment{ID: "unsuccessful", Date: p.Result.FailedAt.UTC(), Rationale: p.Result.FailReason})
	}
	r.Tender = t
	// Registrants and quotes: only from the result, which exists only once
	// registration has closed.
	if (m.Stage == procurement.OpenStageClosed || compiled) && p.Result != nil {
		count := len(p.Result.Registrants)
		t.NumberOfTenderers = &count
		r.Bids = &Bids{Details: []Bid{}}
		for _, g := range p.Result.Registrants {
			tenderer := OrgRef{ID: "CN-USCC-" + g.CreditCode, Name: g.AgencyName}
			t.Tenderers = append(t.Tenderers, tenderer)
			b := Bid{ID: strconv.FormatInt(g.RegistrationID, 10), Status: "valid", Tenderers: []OrgRef{tenderer}}
			if !g.Eligible {
				b.Status = "disqualified"
			}
			if g.QuoteFen != nil {
				b.Value = yuan(*g.QuoteFen)
			}
			r.Bids.Details = append(r.Bids.Details, b)
		}
	}
	if (m.Stage == procurement.OpenStageAwarded || compiled) && p.Result != nil {
		r.Awards = p.awards()
	}
	for _, c := range p.contracts {
		if !compiled && c.ID != m.ContractID {
			continue
		}
		ended := c.Status != contract.StatusActive && (compiled || m.Stage == contract.OpenStageEnded)
		r.Contracts = append(r.Contracts, p.contract(c, ended))
	}
	return r
}

func (p *process) tenderStatus() string {
	switch p.Notice.Status {
	case procurement.StatusCancelled:
		return "cancelled"
	case procurement.StatusFailed:
		return "unsuccessful"
	case procurement.StatusAwarded:
		return "complete"
	default:
		return "active"
	}
}

// awards are the selections: pending in publicity, active once awarded,
// cancelled when voided. The value is the deal price; for a direct
// selection, agreed at the contract, it is the contract's price once the
// contract is in force.
func (p *process) awards() []Award {
	var out []Award
	for _, s := range p.Result.Selections {
		a := Award{ID: p.OCID + "-award-" + strconv.Itoa(s.Seq), Title: p.Notice.Title, Date: utc(s.SelectedAt),
			Suppliers: []OrgRef{{ID: "CN-USCC-" + s.WinnerCreditCode, Name: s.WinnerName}}}
		switch s.Status {
		case procurement.SelectionVoided:
			a.Status = "cancelled"
		case procurement.SelectionAwarded:
			a.Status = "active"
		default:
			a.Status = "pending"
		}
		if s.DealPriceFen != nil {
			a.Value = yuan(*s.DealPriceFen)
		} else {
			for _, c := range p.contracts {
				if c.SelectionID == s.ID && c.PriceFen > 0 {
					a.Value = yuan(c.PriceFen)
				}
			}
		}
		out = append(out, a)
	}
	return out
}

func (p *process) contract(c contract.OpenContract, ended bool) Contract {
	out := Contract{ID: c.Code, AwardID: awardID(p.OCID, c.SelectionID, p), Title: c.Title, Status: "active"}
	if c.PriceFen > 0 {
		out.Value = yuan(c.PriceFen)
	}
	if c.SignedOn != nil {
		out.DateSigned = utc(day(*c.SignedOn))
	}
	if c.StartsOn != nil || c.DueOn != nil {
		out.Period = &Period{}
		if c.StartsOn != nil {
			out.Period.StartDate = utc(day(*c.StartsOn))
		}
		if c.DueOn != nil {
			out.Period.EndDate = utc(day(*c.DueOn))
		}
	}
	if len(c.Payments) > 0 {
		payee := p.supplierOf(c)
		out.Implementation = &Implementation{}
		for _, pay := range c.Payments {
			out.Implementation.Transactions = append(out.Implementation.Transactions, Transaction{
				ID: strconv.FormatInt(pay.ID, 10), Date: day(pay.PaidOn), Value: yuan(pay.AmountFen),
				Payer: ref(p.Owner), Payee: payee})
		}
	}
	if ended {
		// OCDS's "terminated" covers a contract run to its end and one
		// ended early alike.
		out.Status = "terminated"
	}
	return out
}

// supplierOf is the agency of contract c: the winner of its selection.
func (p *process) supplierOf(c contract.OpenContract) *OrgRef {
	if p.Result != nil {
		for _, s := range p.Result.Selections {
			if s.ID == c.SelectionID {
				return &OrgRef{ID: "CN-USCC-" + s.WinnerCreditCode, Name: s.WinnerName}
			}
		}
	}
	return nil
}

// parties are the organisations known at a stage, each once with all its
// roles: the owner from publication, the regulator in charge of the item
// (who reviews complaints), the registrants once registration has closed
// and the winners once selected.
func (p *process) parties(stage int) []Organization {
	var out []Organization
	index := map[string]int{}
	add := func(id, name, code, role string) {
		if i, ok := index[id]; ok {
			for _, r := range out[i].Roles {
				if r == role {
					return
				}
			}
			out[i].Roles = append(out[i].Roles, role)
			return
		}
		index[id] = len(out)
		out = append(out, Organization{ID: id, Name: name, Identifier: Identifier{Scheme: "CN-USCC", ID: code, LegalName: name},
			Roles: []string{role}})
	}
	add(partyID(p.Owner), p.Owner.Name, p.Owner.CreditCode, "buyer")
	add(partyID(p.Owner), p.Owner.Name, p.Owner.CreditCode, "procuringEntity")
	if p.Regulator.ID != 0 {
		add(partyID(p.Regulator), p.Regulator.Name, p.Regulator.CreditCode, "reviewBody")
	}
	if stage >= procurement.OpenStageClosed && p.Result != nil {
		for _, g := range p.Result.Registrants {
			add("CN-USCC-"+g.CreditCode, g.AgencyName, g.CreditCode, "tenderer")
		}
		for _, s := range p.Result.Selections {
			if s.Status != procurement.SelectionVoided {
				add("CN-USCC-"+s.WinnerCreditCode, s.WinnerName, s.WinnerCreditCode, "supplier")
			}
		}
	}
	if stage >= contract.OpenStageContract {
		for _, c := range p.contracts {
			if len(c.Payments) == 0 {
				continue
			}
			add(partyID(p.Owner), p.Owner.Name, p.Owner.CreditCode, "payer")
			if s := p.supplierOf(c); s != nil {
				add(s.ID, s.Name, strings.TrimPrefix(s.ID, "CN-USCC-"), "payee")
			}
		}
	}
	return out
}

// moments lists every moment of a process, in order, for its record.
func (p *process) moments() []procurement.OpenMoment {
	m := []procurement.OpenMoment{{At: p.PublishedAt, AnnouncementID: p.ID, Stage: procurement.OpenStageTender}}
	n := p.Notice
	if n.CancelledAt != nil {
		m = append(m, procurement.OpenMoment{At: *n.CancelledAt, AnnouncementID: p.ID, Stage: procurement.OpenStageCancelled})
	}
	if p.Result != nil {
		if !p.ClosedAt.IsZero() {
			m = append(m, procurement.OpenMoment{At: p.ClosedAt, AnnouncementID: p.ID, Stage: procurement.OpenStageClosed})
		}
		if n.Status == procurement.StatusFailed && p.Result.FailedAt != nil {
			m = append(m, procurement.OpenMoment{At: *p.Result.FailedAt, AnnouncementID: p.ID, Stage: procurement.OpenStageFailed})
		}
		if n.Status == procurement.StatusAwarded && p.Result.AwardedAt != nil {
			m = append(m, procurement.OpenMoment{At: *p.Result.AwardedAt, AnnouncementID: p.ID, Stage: procurement.OpenStageAwarded})
		}
	}
	for _, c := range p.contracts {
		m = append(m, procurement.OpenMoment{At: *c.ConfirmedAt, AnnouncementID: p.ID, Stage: contract.OpenStageContract, ContractID: c.ID})
		end := c.CompletedAt
		if end == nil {
			end = c.TerminatedAt
		}
		if c.Status != contract.StatusActive && end != nil {
			m = append(m, procurement.OpenMoment{At: *end, AnnouncementID: p.ID, Stage: contract.OpenStageEnded, ContractID: c.ID})
		}
	}
	sort.SliceStable(m, func(i, j int) bool { return less(m[i], m[j]) })
	return m
}

// less is the releases' order.
func less(a, b procurement.OpenMoment) bool {
	switch {
	case !a.At.Equal(b.At):
		return a.At.Before(b.At)
	case a.AnnouncementID != b.AnnouncementID:
		return a.AnnouncementID < b.AnnouncementID
	case a.Stage != b.Stage:
		return a.Stage < b.Stage
	default:
		return a.ContractID < b.ContractID
	}
}
