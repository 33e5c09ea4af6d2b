package procurement

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"intermart/internal/agency"
	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

// Why a registration is refused or a registrant found ineligible at closing,
// besides agency's reasons (agency.NotApproved, …).
const (
	ReasonAvoided = "avoided" // on the announcement's avoidance list (回避)
	ReasonNoQuote = "no_valid_quote"
)

var (
	errRegistrationNotFound = errs.New(errs.NotFound, "registration_not_found", "the agency has no registration for this announcement")
	errRegistrationClosed   = errs.New(errs.Conflict, "registration_closed", "registration for this announcement has closed")
	errKeyReused            = errs.New(errs.Conflict, "idempotency_key_reused", "this Idempotency-Key was used for a different request")
	errNotAgency            = errs.New(errs.Forbidden, "not_an_agency", "only an agency registers")
)

// RegistrationInput registers for an announcement or changes the
// registration. The quote is sealed until the deadline.
type RegistrationInput struct {
	QuoteFen      *int64 `json:"quoteFen,omitempty" minimum:"1" doc:"The sealed quote in fen, for the lowest-price and comprehensive methods"`
	Justification string `json:"justification,omitempty" maxLength:"2000" doc:"Why an abnormally low quote is sustainable; required below the rules' abnormal-low percentage of the ceiling"`
}

// MyRegistration is a registration as the registering agency sees it: its
// own quote, opened for it alone.
type MyRegistration struct {
	ID                   int64      `json:"id"`
	AnnouncementID       int64      `json:"announcementId"`
	AnnouncementCode     string     `json:"announcementCode"`
	Title                string     `json:"title"`
	Method               string     `json:"method" enum:"direct,random,lowest,comprehensive"`
	AnnouncementStatus   string     `json:"announcementStatus" enum:"draft,open,closed,failed,in_publicity,awarded,cancelled"`
	CeilingFen           int64      `json:"ceilingFen"`
	AbnormalLowFen       int64      `json:"abnormalLowFen" doc:"A quote under this needs a written justification"`
	RegistrationDeadline time.Time  `json:"registrationDeadline"`
	Status               string     `json:"status" enum:"registered,withdrawn"`
	QuoteFen             *int64     `json:"quoteFen,omitempty"`
	Justification        string     `json:"justification,omitempty"`
	Eligible             *bool      `json:"eligible,omitempty" doc:"Decided when registration closes"`
	IneligibleReason     string     `json:"ineligibleReason,omitempty"`
	Rank                 *int       `json:"rank,omitempty"`
	Score                *int       `json:"score,omitempty" doc:"Comprehensive score in hundredths of a point"`
	CreatedAt            time.Time  `json:"createdAt"`
	UpdatedAt            time.Time  `json:"updatedAt"`
	WithdrawnAt          *time.Time `json:"withdrawnAt,omitempty"`
	// CurrentSelectionID is the announcement's selection in publicity, which
	// a registrant may object to (质疑).
	CurrentSelectionID *int64   `json:"currentSelectionId,omitempty"`
	Actions            []string `json:"actions" nullable:"false" doc:"What the caller may do: change, withdraw, object"`
}

// quoteAAD binds a sealed quote to its announcement and agency, so a sealed
// value copied to another registration does not open.
func quoteAAD(announcementID, agencyID int64) []byte {
	return []byte("registration:" + strconv.FormatInt(announcementID, 10) + ":" + strconv.FormatInt(agencyID, 10))
}

// justificationAAD is quoteAAD for the justification, told apart from the
// quote so the two sealed values cannot be swapped.
func justificationAAD(announcementID, agencyID int64) []byte {
	return append(quoteAAD(announcementID, agencyID), ":justification"...)
}

// requestHash identifies a registration request for its Idempotency-Key.
func requestHash(announcementID int64, in RegistrationInput) []byte {
	b, _ := json.Marshal(struct {
		A int64 `json:"a"`
		RegistrationInput
	}{announcementID, in})
	sum := sha256.Sum256(b)
	return sum[:]
}

// registrationRequest is a stored Idempotency-Key.
type registrationRequest struct {
	bun.BaseModel `bun:"table:registration_requests"`

	AgencyID       int64  `bun:"agency_id,pk"`
	IdempotencyKey string `bun:"idempotency_key,pk"`
	RequestHash    []byte `bun:"request_hash,notnull"`
	RegistrationID *int64 `bun:"registration_id"`
}

// lockOpen locks the announcement against closing for the rest of tx and
// checks, by the marketplace clock inside tx, that registration is open. The
// closing statement updates the same row, so it waits for this transaction,
// and a registration that locked the row first is counted by it.
func (s *Service) lockOpen(ctx context.Context, tx bun.Tx, id int64) (*Announcement, time.Time, error) {
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return nil, now, err
	}
	a := new(Announcement)
	err = tx.NewSelect().Model(a).Where("a.id = ? AND a.status <> ?", id, StatusDraft).For("NO KEY UPDATE").Scan(ctx)
	if err := db.One(err, "lock announcement", errAnnouncementNotFound); err != nil {
		return nil, now, err
	}
	if a.Status != StatusOpen || a.RegistrationDeadline == nil || !now.Before(*a.RegistrationDeadline) {
		return nil, now, errRegistrationClosed
	}
	return a, now, nil
}

// eligibility is why agency orgID may not compete for announcement a at
// now; none means it may. It runs in the caller's transaction, as one
// statement (eligibilityReasons).
func eligibility(ctx context.Context, idb bun.IDB, a *Announcement, orgID int64, now time.Time) ([]string, error) {
	var list string
	err := db.PreparedOf(idb).QueryRowContext(ctx, statement(idb, "eligibility", ""), a.ID, orgID, now).Scan(&list)
	if err != nil {
		return nil, fmt.Errorf("eligibility of agency %d for announcement %d: %w", orgID, a.ID, err)
	}
	return uniqueReasons(list), nil
}

// eligibilityReasons is eligibility as a SQL expression over announcement
// a, its reasons joined by commas: agency's (agency.EligibilitySQL), then
// the avoidance list (回避), then the requirements copied onto the
// announcement at publication.
func eligibilityReasons(idb bun.IDB, org, at string) string {
	today := "((" + at + ") AT TIME ZONE 'Asia/Shanghai')::date"
	return "array_to_string(" + agency.EligibilitySQL(idb, org, "a.item_id", at) + " || array_remove(ARRAY[" +
		"CASE WHEN EXISTS (SELECT 1 FROM announcement_avoidances AS av WHERE av.announcement_id = a.id AND av.agency_id = " + org +
		") THEN '" + ReasonAvoided + "' END, " +
		"CASE WHEN EXISTS (SELECT 1 FROM announcement_requirements AS ar WHERE ar.announcement_id = a.id AND NOT " +
		agency.QualifiedSQL(idb, org, "ar.type_id", "ar.level_code", today) + ") THEN '" + agency.NotQualified + "' END" +
		"]::text[], NULL), ',')"
}

// uniqueReasons reads eligibilityReasons' list, each reason once.
func uniqueReasons(list string) []string {
	reasons := []string{}
	for _, r := range agency.SplitReasons(list) {
		if !slices.Contains(reasons, r) {
			reasons = append(reasons, r)
		}
	}
	return reasons
}

// statements are the registration's SQL, built once for each text of the
// clock: their arguments are parameters, so each stays prepared.
var statements sync.Map

// statement is the SQL of kind, with the marketplace clock's time written
// as at (now(), marketplace_now(), or a parameter).
func statement(idb bun.IDB, kind, at string) string {
	key := kind + "|" + at
	if q, ok := statements.Load(key); ok {
		return q.(string)
	}
	var q string
	switch kind {
	case "eligibility":
		// $1 the announcement, $2 the agency, $3 the time.
		q = "SELECT " + eligibilityReasons(idb, "$2::bigint", "$3::timestamptz") + " FROM announcements AS a WHERE a.id = $1"
	case "lock", "lock-key":
		// The announcement locked against closing, the clock, the rule on
		// abnormally low quotes and the agency's eligibility, at once; with
		// an Idempotency-Key, recorded first, and whether it is new. $1
		// the announcement, $2 the agency, (with a key: $3 the key, $4 the
		// request's hash,) then the time if it is a parameter. The row
		// comes back even when there is no announcement to lock, its
		// columns NULL, so a key seen before is answered as before.
		locked := "SELECT a.item_id, a.code, a.title, a.method, a.status, a.ceiling_fen, a.registration_deadline, clk.at," +
			" ru.abnormal_low_percent, " + eligibilityReasons(idb, "$2::bigint", "clk.at") + " AS reasons" +
			" FROM announcements AS a CROSS JOIN LATERAL (SELECT (" + at + ")::timestamptz AS at) AS clk" +
			" CROSS JOIN (SELECT abnormal_low_percent FROM procurement_rules LIMIT 1) AS ru" +
			" WHERE a.id = $1 AND a.status <> '" + StatusDraft + "' FOR NO KEY UPDATE OF a"
		fresh := "true"
		if kind == "lock-key" {
			q = "WITH req AS (INSERT INTO registration_requests (agency_id, idempotency_key, request_hash) VALUES ($2, $3, $4)" +
				" ON CONFLICT DO NOTHING RETURNING 1) "
			fresh = "EXISTS (SELECT 1 FROM req)"
		}
		q += "SELECT f.fresh, l.* FROM (SELECT " + fresh + " AS fresh) AS f LEFT JOIN LATERAL (" + locked + ") AS l ON true"
	case "store":
		// The registration stored (or changed), counted if it was not
		// active, and the Idempotency-Key answered, in one statement: the
		// announcement's row lock serialises an agency's registrations
		// for it. $1 announcement, $2 agency, $3 user, $4 sealed quote,
		// $5 sealed justification, $6 time, $7 the key (or NULL).
		q = "WITH prev AS (SELECT status FROM registrations WHERE announcement_id = $1 AND agency_id = $2)," +
			" ins AS (INSERT INTO registrations (announcement_id, agency_id, registered_by, status, quote_sealed, justification_sealed, created_at, updated_at)" +
			" VALUES ($1, $2, $3, '" + RegistrationActive + "', $4, $5, $6, $6)" +
			" ON CONFLICT (announcement_id, agency_id) DO UPDATE SET registered_by = EXCLUDED.registered_by, status = EXCLUDED.status," +
			" quote_sealed = EXCLUDED.quote_sealed, justification_sealed = EXCLUDED.justification_sealed, updated_at = EXCLUDED.updated_at, withdrawn_at = NULL" +
			" RETURNING id, created_at)," +
			" counted AS (UPDATE announcements SET registrant_count = registrant_count + 1 WHERE id = $1" +
			" AND NOT EXISTS (SELECT 1 FROM prev WHERE status = '" + RegistrationActive + "'))," +
			" answered AS (UPDATE registration_requests SET registration_id = (SELECT id FROM ins) WHERE agency_id = $2 AND idempotency_key = $7)" +
			" SELECT id, created_at FROM ins"
	default:
		panic("procurement: no statement " + kind)
	}
	statements.Store(key, q)
	return q
}

// ineligible is the error of a refused registration, one field error per
// reason, so the UI translates each.
func ineligible(reasons []string) error {
	e := errs.New(errs.Invalid, "not_eligible", "the agency may not register for this announcement")
	for _, r := range reasons {
		e.Fields = append(e.Fields, errs.FieldError{Field: "path.id", Reason: r, Message: "the agency is not eligible: " + r})
	}
	return e
}

// checkQuote applies the price rules to a registration's input.
func checkQuote(a *Announcement, rules *Rules, in RegistrationInput) error {
	var f errs.Fields
	if utf8.RuneCountInString(in.Justification) > 2000 {
		f.Add("body.justification", "too_long", "at most 2000 characters")
	}
	switch {
	case !UsesQuotes(a.Method) && in.QuoteFen != nil:
		f.Add("body.quoteFen", "quote_not_used", "this selection method takes no quote")
	case UsesQuotes(a.Method) && in.QuoteFen == nil:
		f.Add("body.quoteFen", "quote_required", "this selection method needs a sealed quote")
	case UsesQuotes(a.Method) && *in.QuoteFen <= 0:
		f.Add("body.quoteFen", "quote_positive", "the quote must be more than zero")
	case UsesQuotes(a.Method) && *in.QuoteFen > a.CeilingFen:
		f.Add("body.quoteFen", "quote_over_ceiling", "the quote is over the announcement's ceiling price")
	case UsesQuotes(a.Method) && *in.QuoteFen*100 < a.CeilingFen*int64(rules.AbnormalLowPercent) &&
		strings.TrimSpace(in.Justification) == "":
		f.Add("body.justification", "justification_required", "a quote this far under the ceiling needs a written justification")
	}
	return f.Err()
}

// currentRules reads the marketplace rules in the caller's transaction.
func currentRules(ctx context.Context, idb bun.IDB) (*Rules, error) {
	r := new(Rules)
	if err := idb.NewSelect().Model(r).Limit(1).Scan(ctx); err != nil {
		return nil, fmt.Errorf("read procurement rules: %w", err)
	}
	return r, nil
}

// Register registers the actor's agency for announcement id, or changes its
// registration, until the deadline. With an idempotency key, a retried
// request answers as the first did and a different request with the same
// key is refused.
func (s *Service) Register(ctx context.Context, actor *authz.Principal, id int64, key string, in RegistrationInput) (*MyRegistration, error) {
	if actor == nil || actor.OrgKind != identity.KindAgency {
		return nil, errNotAgency
	}
	if len(key) > 100 {
		return nil, errs.Field("header.Idempotency-Key", "too_long", "at most 100 characters")
	}
	in.Justification = strings.TrimSpace(in.Justification)
	var regID int64
	var answer *MyRegistration
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		sqltx := db.PreparedOf(tx)
		// One statement records the Idempotency-Key, locks the
		// announcement, reads the clock and the rules, and judges the
		// agency's eligibility.
		kind, args := "lock", []any{id, actor.OrgID}
		var keyArg any
		var hash []byte
		if key != "" {
			keyArg, hash = key, requestHash(id, in)
			kind, args = "lock-key", append(args, key, hash)
		}
		at := "$" + strconv.Itoa(len(args)+1) + "::timestamptz"
		if clock.InSQL(s.Clock) {
			now, err := clock.Expr(ctx, s.Clock, tx)
			if err != nil {
				return err
			}
			at = now.Query
		} else {
			now, err := s.Clock.Now(ctx, tx)
			if err != nil {
				return err
			}
			args = append(args, now)
		}
		a := &Announcement{ID: id}
		var fresh bool
		var itemID, ceiling, abnormalLow sql.NullInt64
		var title, method, status, reasons sql.NullString
		var clockAt sql.NullTime
		err := sqltx.QueryRowContext(ctx, statement(tx, kind, at), args...).Scan(&fresh, &itemID, &a.Code, &title, &method,
			&status, &ceiling, &a.RegistrationDeadline, &clockAt, &abnormalLow, &reasons)
		if err != nil {
			return fmt.Errorf("lock announcement: %w", err)
		}
		if !fresh {
			// Answered before (the first transaction has committed: the
			// key's insert waited for it).
			req := &registrationRequest{AgencyID: actor.OrgID, IdempotencyKey: key}
			if err := tx.NewSelect().Model(req).WherePK().Scan(ctx); err != nil {
				return fmt.Errorf("read idempotency key: %w", err)
			}
			if string(req.RequestHash) != string(hash) || req.RegistrationID == nil {
				return errKeyReused
			}
			regID = *req.RegistrationID
			return nil
		}
		if !status.Valid {
			return errAnnouncementNotFound
		}
		a.ItemID, a.Title, a.Method, a.Status, a.CeilingFen = itemID.Int64, title.String, method.String, status.String, ceiling.Int64
		rules := &Rules{AbnormalLowPercent: int(abnormalLow.Int64)}
		now := clockAt.Time.UTC()
		if a.Status != StatusOpen || a.RegistrationDeadline == nil || !now.Before(*a.RegistrationDeadline) {
			return errRegistrationClosed
		}
		if err := checkQuote(a, rules, in); err != nil {
			return err
		}
		if reasons := uniqueReasons(reasons.String); len(reasons) > 0 {
			return ineligible(reasons)
		}
		var quote, justification []byte
		if in.QuoteFen != nil {
			if quote, err = s.Sealer.Seal(id, []byte(strconv.FormatInt(*in.QuoteFen, 10)), quoteAAD(id, actor.OrgID)); err != nil {
				return err
			}
		}
		if in.Justification != "" {
			if justification, err = s.Sealer.Seal(id, []byte(in.Justification), justificationAAD(id, actor.OrgID)); err != nil {
				return err
			}
		}
		var created time.Time
		err = sqltx.QueryRowContext(ctx, statement(tx, "store", ""), id, actor.OrgID, actor.UserID, quote, justification, now, keyArg).
			Scan(&regID, &created)
		if err != nil {
			return fmt.Errorf("store registration: %w", err)
		}
		// The answer is what was just stored, without reading it back.
		m := &MyRegistration{ID: regID, AnnouncementID: id, AnnouncementCode: deref(a.Code), Title: a.Title, Method: a.Method,
			AnnouncementStatus: a.Status, CeilingFen: a.CeilingFen, AbnormalLowFen: a.CeilingFen * int64(rules.AbnormalLowPercent) / 100,
			RegistrationDeadline: *a.RegistrationDeadline, Status: RegistrationActive, QuoteFen: in.QuoteFen,
			Justification: in.Justification, CreatedAt: created.UTC(), UpdatedAt: now, Actions: []string{"change", "withdraw"}}
		answer = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	if answer != nil {
		return answer, nil
	}
	return s.myRegistration(ctx, actor, regID)
}

// Withdraw withdraws the actor's agency's registration for announcement id
// before the deadline; its sealed quote is erased.
func (s *Service) Withdraw(ctx context.Context, actor *authz.Principal, id int64) error {
	if actor == nil || actor.OrgKind != identity.KindAgency {
		return errNotAgency
	}
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, now, err := s.lockOpen(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.NewUpdate().Model((*Registration)(nil)).
			Set("status = ?, quote_sealed = NULL, justification_sealed = NULL, withdrawn_at = ?, updated_at = ?", RegistrationWithdrawn, now, now).
			Where("announcement_id = ? AND agency_id = ? AND status = ?", id, actor.OrgID, RegistrationActive).Exec(ctx)
		if err != nil {
			return fmt.Errorf("withdraw registration: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errRegistrationNotFound
		}
		_, err = tx.NewUpdate().Model((*Announcement)(nil)).Set("registrant_count = registrant_count - 1").Where("id = ?", id).Exec(ctx)
		return err
	})
}

// myRow is a registration with its announcement, for the agency's list.
type myRow struct {
	Registration `bun:",extend"`

	Code                 *string    `bun:"a_code"`
	Title                string     `bun:"a_title"`
	Method               string     `bun:"a_method"`
	AnnouncementStatus   string     `bun:"a_status"`
	CeilingFen           int64      `bun:"a_ceiling_fen"`
	RegistrationDeadline *time.Time `bun:"a_deadline"`
	SelectionID          *int64     `bun:"sel_id"`
	Open                 bool       `bun:"open_now"`
}

// MyRegistrations lists the registrations of the actor's agency, newest
// first, with its own quotes opened.
func (s *Service) MyRegistrations(ctx context.Context, actor *authz.Principal) ([]MyRegistration, error) {
	return s.myRegistrations(ctx, actor, 0)
}

func (s *Service) myRegistration(ctx context.Context, actor *authz.Principal, id int64) (*MyRegistration, error) {
	list, err := s.myRegistrations(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errRegistrationNotFound
	}
	return &list[0], nil
}

func (s *Service) myRegistrations(ctx context.Context, actor *authz.Principal, id int64) ([]MyRegistration, error) {
	out := []MyRegistration{}
	if actor == nil || actor.OrgKind != identity.KindAgency {
		return out, nil
	}
	now, err := clock.Expr(ctx, s.Clock, s.DB)
	if err != nil {
		return nil, err
	}
	var rows []myRow
	q := s.DB.NewSelect().Model(&rows).
		ColumnExpr("r.*").
		ColumnExpr("a.code AS a_code, a.title AS a_title, a.method AS a_method, a.status AS a_status").
		ColumnExpr("a.ceiling_fen AS a_ceiling_fen, a.registration_deadline AS a_deadline").
		ColumnExpr("a.status = 'open' AND ? < a.registration_deadline AS open_now", now).
		ColumnExpr("(SELECT sel.id FROM selections sel WHERE sel.announcement_id = a.id AND sel.status = 'in_publicity') AS sel_id").
		Join("JOIN announcements a ON a.id = r.announcement_id").
		Where("r.agency_id = ?", actor.OrgID).Order("r.id DESC").Limit(500)
	if id != 0 {
		q = q.Where("r.id = ?", id)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list registrations: %w", err)
	}
	rules, err := currentRules(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		m := MyRegistration{ID: r.ID, AnnouncementID: r.AnnouncementID, Title: r.Title, Method: r.Method,
			AnnouncementStatus: r.AnnouncementStatus, CeilingFen: r.CeilingFen, Status: r.Status,
			AbnormalLowFen: r.CeilingFen * int64(rules.AbnormalLowPercent) / 100,
			Eligible:       r.Eligible, Rank: r.Rank, Score: r.Score, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
			WithdrawnAt: r.WithdrawnAt, Actions: []string{}}
		if r.Code != nil {
			m.AnnouncementCode = *r.Code
		}
		if r.RegistrationDeadline != nil {
			m.RegistrationDeadline = *r.RegistrationDeadline
		}
		if r.IneligibleReason != nil {
			m.IneligibleReason = *r.IneligibleReason
		}
		m.QuoteFen = r.QuoteFen
		if m.QuoteFen == nil && r.QuoteSealed != nil {
			plain, err := s.Sealer.Open(r.AnnouncementID, r.QuoteSealed, quoteAAD(r.AnnouncementID, r.AgencyID))
			if err != nil {
				return nil, fmt.Errorf("open own quote of registration %d: %w", r.ID, err)
			}
			q, err := strconv.ParseInt(string(plain), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("quote of registration %d: %w", r.ID, err)
			}
			m.QuoteFen = &q
		}
		if r.Justification != nil {
			m.Justification = *r.Justification
		} else if r.JustificationSealed != nil {
			plain, err := s.Sealer.Open(r.AnnouncementID, r.JustificationSealed, justificationAAD(r.AnnouncementID, r.AgencyID))
			if err != nil {
				return nil, fmt.Errorf("open own justification of registration %d: %w", r.ID, err)
			}
			m.Justification = string(plain)
		}
		if r.Open {
			m.Actions = append(m.Actions, "change")
			if r.Status == RegistrationActive {
				m.Actions = append(m.Actions, "withdraw")
			}
		}
		if r.SelectionID != nil && r.Status == RegistrationActive {
			m.CurrentSelectionID = r.SelectionID
			m.Actions = append(m.Actions, "object")
		}
		out = append(out, m)
	}
	return out, nil
}

// Opportunity is an open announcement an agency may register for.
type Opportunity struct {
	ID                   int64     `json:"id"`
	Code                 string    `json:"code"`
	Title                string    `json:"title"`
	ItemID               int64     `json:"itemId"`
	ItemNameZH           string    `json:"itemNameZh"`
	ItemNameEN           string    `json:"itemNameEn"`
	RegionCode           string    `json:"regionCode"`
	Method               string    `json:"method" enum:"direct,random,lowest,comprehensive"`
	CeilingFen           int64     `json:"ceilingFen"`
	StatedPriceFen       *int64    `json:"statedPriceFen,omitempty"`
	AbnormalLowFen       int64     `json:"abnormalLowFen" doc:"A quote under this needs a written justification"`
	RegistrationDeadline time.Time `json:"registrationDeadline"`
	RegistrantCount      int       `json:"registrantCount"`
	Registered           bool      `json:"registered" doc:"The caller's agency has registered"`
}

// Opportunities lists the open announcements the actor's agency is
// eligible for, soonest deadline first.
func (s *Service) Opportunities(ctx context.Context, actor *authz.Principal) ([]Opportunity, error) {
	out := []Opportunity{}
	if actor == nil || actor.OrgKind != identity.KindAgency {
		return out, nil
	}
	err := s.DB.RunInTx(ctx, &sql.TxOptions{ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		now, err := s.Clock.Now(ctx, tx)
		if err != nil {
			return err
		}
		var open []struct {
			Announcement `bun:",extend"`
			Registered   bool `bun:"registered"`
		}
		err = tx.NewSelect().Model(&open).ColumnExpr("a.*").
			ColumnExpr("EXISTS (SELECT 1 FROM registrations r WHERE r.announcement_id = a.id AND r.agency_id = ? AND r.status = 'registered') AS registered", actor.OrgID).
			Where("a.status = ? AND a.registration_deadline > ?", StatusOpen, now).
			Where("NOT EXISTS (SELECT 1 FROM announcement_avoidances v WHERE v.announcement_id = a.id AND v.agency_id = ?)", actor.OrgID).
			Order("a.registration_deadline", "a.id").Limit(500).Scan(ctx)
		if err != nil {
			return fmt.Errorf("open announcements: %w", err)
		}
		rules, err := currentRules(ctx, tx)
		if err != nil {
			return err
		}
		eligibleFor := map[int64]bool{}
		var items []int64
		for _, a := range open {
			if _, done := eligibleFor[a.ItemID]; done {
				continue
			}
			reasons, err := agency.Eligibility(ctx, tx, actor.OrgID, a.ItemID, now)
			if err != nil {
				return err
			}
			eligibleFor[a.ItemID] = len(reasons) == 0
			items = append(items, a.ItemID)
		}
		names, err := catalog.ItemSummaries(ctx, tx, items)
		if err != nil {
			return err
		}
		for _, a := range open {
			if !eligibleFor[a.ItemID] {
				continue
			}
			o := Opportunity{ID: a.ID, Title: a.Title, ItemID: a.ItemID, ItemNameZH: names[a.ItemID].NameZH,
				ItemNameEN: names[a.ItemID].NameEN, RegionCode: a.RegionCode, Method: a.Method, CeilingFen: a.CeilingFen,
				StatedPriceFen: a.StatedPriceFen, AbnormalLowFen: a.CeilingFen * int64(rules.AbnormalLowPercent) / 100,
				RegistrationDeadline: *a.RegistrationDeadline, RegistrantCount: a.RegistrantCount, Registered: a.Registered}
			if a.Code != nil {
				o.Code = *a.Code
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
}
