package procurement

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/uptrace/bun"

	"intermart/internal/catalog"
	"intermart/internal/clock"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
	"intermart/internal/web"
)

// The public notices (采购公告): what anyone may read of a published
// announcement. These are their own types, built field by field, so that
// nothing sealed — the draw's secret, who registered, quotes — can be
// published by a field added to the stored model.

var errNoticeNotFound = errs.New(errs.NotFound, "notice_not_found", "no such announcement")

// NoticeFilter narrows the public list.
type NoticeFilter struct {
	ItemID   int64  `query:"itemId" doc:"Announcements of one service item"`
	Category string `query:"category" maxLength:"20" doc:"Announcements of the items of one category"`
	Region   string `query:"region" maxLength:"6" doc:"Announcements of projects in one division"`
	Method   string `query:"method" enum:"direct,random,lowest,comprehensive"`
	Status   string `query:"status" enum:"open,closed,failed,in_publicity,awarded,cancelled"`
	From     string `query:"from" maxLength:"10" doc:"Published on or after this date (YYYY-MM-DD, Asia/Shanghai)"`
	To       string `query:"to" maxLength:"10" doc:"Published on or before this date (YYYY-MM-DD, Asia/Shanghai)"`
	Query    string `query:"q" maxLength:"100" doc:"Words of the title or description; Chinese words match inside longer ones"`
	Cursor   string `query:"cursor" maxLength:"100" doc:"The next value of the previous page"`
	Limit    int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
}

// NoticeRow is a line of the public list.
type NoticeRow struct {
	Code                 string    `json:"code"`
	Title                string    `json:"title"`
	ItemID               int64     `json:"itemId"`
	ItemCode             string    `json:"itemCode"`
	ItemNameZH           string    `json:"itemNameZh"`
	ItemNameEN           string    `json:"itemNameEn"`
	CategoryCode         string    `json:"categoryCode"`
	RegionCode           string    `json:"regionCode"`
	RegionNameZH         string    `json:"regionNameZh"`
	RegionNameEN         string    `json:"regionNameEn"`
	OwnerName            string    `json:"ownerName"`
	Method               string    `json:"method" enum:"direct,random,lowest,comprehensive"`
	Status               string    `json:"status" enum:"open,closed,failed,in_publicity,awarded,cancelled"`
	CeilingFen           int64     `json:"ceilingFen"`
	Round                int       `json:"round"`
	PublishedAt          time.Time `json:"publishedAt"`
	RegistrationDeadline time.Time `json:"registrationDeadline"`
	RegistrantCount      int       `json:"registrantCount" doc:"How many agencies are registered: the number only"`
}

// NoticeDetail is a published announcement as the public sees it.
type NoticeDetail struct {
	NoticeRow
	OCID                     string                  `json:"ocid"`
	Description              string                  `json:"description"`
	PractitionerRequirements string                  `json:"practitionerRequirements"`
	ProjectCode              string                  `json:"projectCode"`
	ProjectName              string                  `json:"projectName"`
	StatedPriceFen           *int64                  `json:"statedPriceFen,omitempty"`
	WeightPrice              *int                    `json:"weightPrice,omitempty"`
	WeightCredit             *int                    `json:"weightCredit,omitempty"`
	WeightRating             *int                    `json:"weightRating,omitempty"`
	ServiceWorkdays          int                     `json:"serviceWorkdays"`
	Requirements             []RequiredQualification `json:"requirements" nullable:"false"`
	AvoidedAgencies          []string                `json:"avoidedAgencies" nullable:"false" doc:"Agencies the owner excluded (回避)"`
	Attachments              []PublicAttachment      `json:"attachments" nullable:"false"`
	DrawCommitment           string                  `json:"drawCommitment" doc:"SHA-256 of the draw's secret, hex: published now, the secret at the draw"`
	CancelledAt              *time.Time              `json:"cancelledAt,omitempty"`
	CancelReason             string                  `json:"cancelReason,omitempty"`
	PreviousCode             string                  `json:"previousCode,omitempty" doc:"The failed round this one relists"`
	NextCode                 string                  `json:"nextCode,omitempty" doc:"The round that relists this one, once published"`
	Now                      time.Time               `json:"now" doc:"The marketplace clock when answering, for countdowns"`
}

// PublicAttachment names an attachment. Files are downloaded only by their
// owner and regulators (internal/files), so the public sees the name.
type PublicAttachment struct {
	Filename string `json:"filename"`
}

// noticeText are the text columns of the notice list's statement, by
// position: the announcement's region, code, title, method and status, then
// the joined names (see Notices).
var noticeText = [...]int{3, 4, 5, 6, 7, 13, 14, 15, 16, 17, 18, 19}

// noticeColumns are what the public list reads of an announcement.
const noticeColumns = `a.id, a.owner_id, a.item_id, a.region_code, a.code, a.title, a.method, a.status,
	a.ceiling_fen, a.round, a.published_at, a.registration_deadline, a.registrant_count`

type noticeScan struct {
	ID                   int64     `bun:"id"`
	OwnerID              int64     `bun:"owner_id"`
	ItemID               int64     `bun:"item_id"`
	RegionCode           string    `bun:"region_code"`
	Code                 string    `bun:"code"`
	Title                string    `bun:"title"`
	Method               string    `bun:"method"`
	Status               string    `bun:"status"`
	CeilingFen           int64     `bun:"ceiling_fen"`
	Round                int       `bun:"round"`
	PublishedAt          time.Time `bun:"published_at"`
	RegistrationDeadline time.Time `bun:"registration_deadline"`
	RegistrantCount      int       `bun:"registrant_count"`
	// Names, from the catalogue's and identity's queries joined in.
	ItemCode     string `bun:"item_code"`
	ItemNameZH   string `bun:"item_name_zh"`
	ItemNameEN   string `bun:"item_name_en"`
	CategoryCode string `bun:"category_code"`
	OwnerName    string `bun:"owner_name"`
	RegionNameZH string `bun:"region_name_zh"`
	RegionNameEN string `bun:"region_name_en"`
}

// cursor is the position after the last notice of a page: its publication
// time (microseconds) and id, the list's order.
func encodeCursor(at time.Time, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at.UnixMicro(), 10) + "." + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (time.Time, int64, error) {
	bad := errs.Field("query.cursor", "cursor_invalid", "the cursor is not one this list gave")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, 0, bad
	}
	at, id, ok := strings.Cut(string(raw), ".")
	if !ok {
		return time.Time{}, 0, bad
	}
	micros, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err1 != nil || err2 != nil || n <= 0 || micros < 0 || micros > 253402300799000000 {
		return time.Time{}, 0, bad
	}
	return time.UnixMicro(micros).UTC(), n, nil
}

// shanghaiDay reads a date as the start of that day in Shanghai.
func shanghaiDay(f *errs.Fields, field, s string) *time.Time {
	if s == "" {
		return nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, clock.Shanghai)
	if err != nil || d.Year() < 2000 || d.Year() > 9000 {
		f.Add(field, "date_format", "a date YYYY-MM-DD")
		return nil
	}
	return &d
}

// Notices lists published announcements, newest first, a page at a time.
// The page after a cursor starts where the previous one ended (keyset
// paging on the index of publication time and id), so a late page costs
// what the first one does. A search of three characters or more is served
// by the trigram index over title and description; a shorter one (a
// two-character Chinese word) has no trigram to look up and filters the
// rows walked in date order instead.
func (s *Service) Notices(ctx context.Context, filter NoticeFilter) (*web.Keyset[NoticeRow], error) {
	var f errs.Fields
	from := shanghaiDay(&f, "query.from", filter.From)
	to := shanghaiDay(&f, "query.to", filter.To)
	limit := filter.Limit
	if limit <= 0 {
		limit = 20
	}
	var after *time.Time
	var afterID int64
	if filter.Cursor != "" {
		at, id, err := decodeCursor(filter.Cursor)
		if err != nil {
			return nil, err
		}
		after, afterID = &at, id
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	// The statement is built once per filter and kept (as the directory's
	// is): its text holds no time of the clock and, for a later page, a
	// mark where the cursor goes.
	key := filter
	key.Cursor, key.Limit = "", limit
	hasCursor := after != nil
	keep := filter.Category == ""
	var query string
	if keep {
		if q, ok := noticeSQL.Load(noticeKey{key, hasCursor}); ok {
			query = q.(string)
		}
	}
	if query == "" {
		var err error
		if query, err = s.noticeQuery(ctx, filter, limit, from, to, hasCursor); err != nil {
			return nil, err
		}
		if query == "" {
			return &web.Keyset[NoticeRow]{Items: []NoticeRow{}}, nil
		}
		if keep {
			if noticeSQLCount.Add(1) > noticeSQLMax {
				noticeSQL.Clear()
				noticeSQLCount.Store(1)
			}
			noticeSQL.Store(noticeKey{key, hasCursor}, query)
		}
	}
	var args []any
	if hasCursor {
		// The mark is the last thing of the WHERE clause, after any search
		// text; it has a %, which a search's pattern always escapes.
		i := strings.LastIndex(query, cursorMark)
		query = query[:i] + "($1, $2)" + query[i+len(cursorMark):]
		args = []any{*after, afterID}
	}
	// Straight through pgx, prepared once per connection and scanned
	// column by column: database/sql's conversions were a fifth of the
	// list's time (docs/benchmarks.md).
	rows, err := s.Pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	defer rows.Close()
	page := &web.Keyset[NoticeRow]{Items: make([]NoticeRow, 0, limit)}
	// The numbers and times are read from their binary form (db.RawRow),
	// without pgx's scan plans; the text columns are gathered into one
	// string for the page, each field a slice of it: one allocation a page
	// rather than eleven a row, on the marketplace's busiest read.
	var r NoticeRow
	// A row's text (its title, codes and names) is 150–250 bytes; a page
	// of longer titles grows the buffer once.
	text := make([]byte, 0, 256*limit)
	ends := make([]int32, 0, len(noticeText)*limit)
	var lastAt time.Time
	var lastID int64
	row := db.RawRow{Fields: rows.FieldDescriptions()}
	for rows.Next() {
		if len(page.Items) == limit {
			page.Next = encodeCursor(lastAt, lastID)
			break
		}
		row.Values = rows.RawValues()
		id := row.Int(0) // then owner_id, unused
		r.ItemID, r.CeilingFen, r.Round = row.Int(2), row.Int(8), int(row.Int(9))
		r.PublishedAt, r.RegistrationDeadline, r.RegistrantCount = row.Time(10), row.Time(11), int(row.Int(12))
		if row.Err != nil {
			return nil, fmt.Errorf("list notices: %w", row.Err)
		}
		for _, c := range noticeText {
			text = append(text, row.Values[c]...) // NULL, from a name not found, is ""
			ends = append(ends, int32(len(text)))
		}
		page.Items = append(page.Items, r)
		lastAt, lastID = r.PublishedAt, id
	}
	// The bytes are not written again, so the string can share them
	// rather than copy the page's text once more.
	all, k, start := unsafe.String(unsafe.SliceData(text), len(text)), 0, int32(0)
	next := func() string {
		s := all[start:ends[k]]
		start = ends[k]
		k++
		return s
	}
	for i := range page.Items {
		r := &page.Items[i]
		r.RegionCode, r.Code, r.Title, r.Method, r.Status = next(), next(), next(), next(), next()
		r.ItemCode, r.ItemNameZH, r.ItemNameEN, r.CategoryCode = next(), next(), next(), next()
		r.OwnerName, r.RegionNameZH, r.RegionNameEN = next(), next(), next()
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	return page, nil
}

// noticeSQL holds the notice list's statement for each filter it was built
// for (see Notices). Filters come from anyone, so it is emptied when it
// holds noticeSQLMax of them.
var (
	noticeSQL      sync.Map // noticeKey → string
	noticeSQLCount atomic.Int64
)

const noticeSQLMax = 1000

// noticeKey is a filter without its cursor, and whether there is one.
type noticeKey struct {
	filter    NoticeFilter
	hasCursor bool
}

// cursorMark stands for the cursor's (published_at, id) in a kept
// statement.
const cursorMark = "(/*%cursor%*/)"

// noticeQuery builds the notice list's statement. It is empty when the
// filter matches nothing (a category without items).
func (s *Service) noticeQuery(ctx context.Context, filter NoticeFilter, limit int, from, to *time.Time, hasCursor bool) (string, error) {
	// One statement: the names of items, owners and regions come from the
	// catalogue's and identity's own queries, joined in, rather than three
	// more round trips a page.
	q := s.DB.NewSelect().TableExpr("announcements AS a").ColumnExpr(noticeColumns).
		ColumnExpr("it.code AS item_code, it.name_zh AS item_name_zh, it.name_en AS item_name_en, it.category_code").
		ColumnExpr("ow.name AS owner_name, rg.name_zh AS region_name_zh, rg.name_en AS region_name_en").
		Join("LEFT JOIN (?) AS it ON it.id = a.item_id", catalog.ItemNamesQuery(s.DB)).
		Join("LEFT JOIN (?) AS ow ON ow.id = a.owner_id", identity.OrganisationNamesQuery(s.DB)).
		Join("LEFT JOIN (?) AS rg ON rg.code = a.region_code", identity.RegionNamesQuery(s.DB)).
		Where("a.status <> ?", StatusDraft).OrderExpr("a.published_at DESC, a.id DESC").Limit(int64(limit + 1))
	if filter.ItemID != 0 {
		q = q.Where("a.item_id = ?", filter.ItemID)
	}
	if filter.Category != "" {
		ids, err := catalog.ItemsOfCategory(ctx, s.DB, filter.Category)
		if err != nil {
			return "", err
		}
		if len(ids) == 0 {
			return "", nil
		}
		q = q.Where("a.item_id IN (?)", bun.In(ids))
	}
	if filter.Region != "" {
		q = q.Where("a.region_code = ?", filter.Region)
	}
	if filter.Method != "" {
		q = q.Where("a.method = ?", filter.Method)
	}
	if filter.Status != "" {
		q = q.Where("a.status = ?", filter.Status)
	}
	if from != nil {
		q = q.Where("a.published_at >= ?", *from)
	}
	if to != nil {
		q = q.Where("a.published_at < ?", to.AddDate(0, 0, 1))
	}
	if text := strings.TrimSpace(filter.Query); text != "" {
		// The expression is the trigram index's own.
		q = q.Where("(a.title || ' ' || a.description) ILIKE ?", db.Contains(text))
	}
	if hasCursor {
		q = q.Where("(a.published_at, a.id) < " + cursorMark)
	}
	b, err := q.AppendQuery(s.DB.QueryGen(), nil)
	if err != nil {
		return "", fmt.Errorf("list notices: %w", err)
	}
	return string(b), nil
}

// describeNotices fills in the names of items, regions and owners, one
// batched call per kind.
func describeNotices(ctx context.Context, idb bun.IDB, rows []noticeScan) ([]NoticeRow, error) {
	out := make([]NoticeRow, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	items, owners, regions := make([]int64, len(rows)), make([]int64, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		items[i], owners[i], regions[i] = r.ItemID, r.OwnerID, r.RegionCode
	}
	itemNames, err := catalog.ItemSummaries(ctx, idb, items)
	if err != nil {
		return nil, err
	}
	ownerNames, err := identity.OrganisationNames(ctx, idb, owners)
	if err != nil {
		return nil, err
	}
	regionNames, err := identity.RegionsByCode(ctx, idb, regions)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		it, rg := itemNames[r.ItemID], regionNames[r.RegionCode]
		out[i] = NoticeRow{Code: r.Code, Title: r.Title, ItemID: r.ItemID, ItemCode: it.Code, ItemNameZH: it.NameZH,
			ItemNameEN: it.NameEN, CategoryCode: it.CategoryCode, RegionCode: r.RegionCode, RegionNameZH: rg.NameZH,
			RegionNameEN: rg.NameEN, OwnerName: ownerNames[r.OwnerID], Method: r.Method, Status: r.Status,
			CeilingFen: r.CeilingFen, Round: r.Round, PublishedAt: r.PublishedAt, RegistrationDeadline: r.RegistrationDeadline,
			RegistrantCount: r.RegistrantCount}
	}
	return out, nil
}

// Notice returns a published announcement by its code.
func (s *Service) Notice(ctx context.Context, code string) (*NoticeDetail, error) {
	if code == "" || utf8.RuneCountInString(code) > 40 {
		return nil, errNoticeNotFound
	}
	a := new(Announcement)
	err := s.DB.NewSelect().Model(a).Where("a.code = ? AND a.status <> ?", code, StatusDraft).Scan(ctx)
	if err := db.One(err, fmt.Sprintf("get notice %q", code), errNoticeNotFound); err != nil {
		return nil, err
	}
	rows, err := describeNotices(ctx, s.DB, []noticeScan{{ID: a.ID, OwnerID: a.OwnerID, ItemID: a.ItemID,
		RegionCode: a.RegionCode, Code: *a.Code, Title: a.Title, Method: a.Method, Status: a.Status,
		CeilingFen: a.CeilingFen, Round: a.Round, PublishedAt: *a.PublishedAt,
		RegistrationDeadline: *a.RegistrationDeadline, RegistrantCount: a.RegistrantCount}})
	if err != nil {
		return nil, err
	}
	d := &NoticeDetail{NoticeRow: rows[0], OCID: deref(a.OCID), Description: a.Description,
		PractitionerRequirements: a.PractitionerRequirements, StatedPriceFen: a.StatedPriceFen,
		WeightPrice: a.WeightPrice, WeightCredit: a.WeightCredit, WeightRating: a.WeightRating,
		ServiceWorkdays: a.ServiceWorkdays, DrawCommitment: hex.EncodeToString(a.DrawCommitment),
		CancelledAt: a.CancelledAt, CancelReason: deref(a.CancelReason), AvoidedAgencies: []string{}, Attachments: []PublicAttachment{}}
	p := new(Project)
	if err := s.DB.NewSelect().Model(p).Where("p.id = ?", a.ProjectID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("project of notice %q: %w", code, err)
	}
	d.ProjectCode, d.ProjectName = p.Code, p.Name
	if d.Requirements, err = requirements(ctx, s.DB, a); err != nil {
		return nil, err
	}
	avoid, err := avoidances(ctx, s.DB, a.ID)
	if err != nil {
		return nil, err
	}
	for _, av := range avoid {
		d.AvoidedAgencies = append(d.AvoidedAgencies, av.AgencyName)
	}
	att, err := attachments(ctx, s.DB, a.ID)
	if err != nil {
		return nil, err
	}
	for _, at := range att {
		d.Attachments = append(d.Attachments, PublicAttachment{Filename: at.Filename})
	}
	if a.PreviousID != nil {
		if err := s.DB.NewSelect().Model((*Announcement)(nil)).ColumnExpr("coalesce(code, '')").Where("id = ?", *a.PreviousID).Scan(ctx, &d.PreviousCode); err != nil {
			return nil, fmt.Errorf("previous round of %q: %w", code, err)
		}
	}
	err = s.DB.NewSelect().Model((*Announcement)(nil)).ColumnExpr("code").Where("previous_id = ? AND code IS NOT NULL", a.ID).Scan(ctx, &d.NextCode)
	if err != nil && !db.IsNoRows(err) {
		return nil, fmt.Errorf("next round of %q: %w", code, err)
	}
	if d.Now, err = s.Clock.Now(ctx, s.DB); err != nil {
		return nil, err
	}
	return d, nil
}

// NoticeCursor is the cursor of the page after a notice published at at
// with id: what the list's next gives after that notice. Benchmarks and
// tests use it to start at a page far down the list.
func NoticeCursor(at time.Time, id int64) string { return encodeCursor(at, id) }

// AppendJSON writes the row as encoding/json would, without reflection: the
// notice list is the marketplace's busiest page (web.JSONAppender). Its
// text is valid UTF-8, as everything read from the database is, and is
// written as web.AppendJSONText does.
func (r *NoticeRow) AppendJSON(b []byte) []byte {
	b = append(b, `{"code":`...)
	b = web.AppendJSONText(b, r.Code)
	b = append(b, `,"title":`...)
	b = web.AppendJSONText(b, r.Title)
	b = append(b, `,"itemId":`...)
	b = strconv.AppendInt(b, r.ItemID, 10)
	b = append(b, `,"itemCode":`...)
	b = web.AppendJSONText(b, r.ItemCode)
	b = append(b, `,"itemNameZh":`...)
	b = web.AppendJSONText(b, r.ItemNameZH)
	b = append(b, `,"itemNameEn":`...)
	b = web.AppendJSONText(b, r.ItemNameEN)
	b = append(b, `,"categoryCode":`...)
	b = web.AppendJSONText(b, r.CategoryCode)
	b = append(b, `,"regionCode":`...)
	b = web.AppendJSONText(b, r.RegionCode)
	b = append(b, `,"regionNameZh":`...)
	b = web.AppendJSONText(b, r.RegionNameZH)
	b = append(b, `,"regionNameEn":`...)
	b = web.AppendJSONText(b, r.RegionNameEN)
	b = append(b, `,"ownerName":`...)
	b = web.AppendJSONText(b, r.OwnerName)
	b = append(b, `,"method":`...)
	b = web.AppendJSONText(b, r.Method)
	b = append(b, `,"status":`...)
	b = web.AppendJSONText(b, r.Status)
	b = append(b, `,"ceilingFen":`...)
	b = strconv.AppendInt(b, r.CeilingFen, 10)
	b = append(b, `,"round":`...)
	b = strconv.AppendInt(b, int64(r.Round), 10)
	b = append(b, `,"publishedAt":`...)
	b = web.AppendJSONTime(b, r.PublishedAt)
	b = append(b, `,"registrationDeadline":`...)
	b = web.AppendJSONTime(b, r.RegistrationDeadline)
	b = append(b, `,"registrantCount":`...)
	b = strconv.AppendInt(b, int64(r.RegistrantCount), 10)
	return append(b, '}')
}
