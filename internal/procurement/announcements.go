package procurement

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/workdays"
)

var errAnnouncementNotFound = errs.New(errs.NotFound, "announcement_not_found", "no such announcement")

// Bounds of an announcement's lists.
const (
	maxAvoidances  = 50
	maxAttachments = 20
)

// AnnouncementInput is what the owner drafts. Qualification requirements
// are the item's, copied at publication: the owner cannot add conditions of
// its own (registered capital, location, past contracts are forbidden by
// the provincial rules), so there is no field for them.
type AnnouncementInput struct {
	ProjectServiceID         int64            `json:"projectServiceId" doc:"The planned service procured; its project and item follow"`
	Title                    string           `json:"title" maxLength:"200"`
	Description              string           `json:"description" maxLength:"5000"`
	PractitionerRequirements string           `json:"practitionerRequirements" maxLength:"2000" doc:"What the practitioners doing the work must hold"`
	CeilingFen               int64            `json:"ceilingFen" doc:"Ceiling price (最高限价), fen"`
	StatedPriceFen           *int64           `json:"statedPriceFen,omitempty" doc:"Random draw: the price the winner is paid, fen, at most the ceiling"`
	Method                   string           `json:"method" enum:"direct,random,lowest,comprehensive"`
	WeightPrice              *int             `json:"weightPrice,omitempty" doc:"Comprehensive review: percent for the price"`
	WeightCredit             *int             `json:"weightCredit,omitempty" doc:"Comprehensive review: percent for the credit score"`
	WeightRating             *int             `json:"weightRating,omitempty" doc:"Comprehensive review: percent for past ratings"`
	ServiceWorkdays          int              `json:"serviceWorkdays" doc:"Service period in working days, at most the item's committed time limit"`
	RegistrationDeadline     *time.Time       `json:"registrationDeadline,omitempty" doc:"Registration closes at this moment; at least the rules' working days after publication"`
	Avoidances               []AvoidanceInput `json:"avoidances,omitempty" maxItems:"50" doc:"Agencies excluded (回避), each with a reason"`
	FileIDs                  []int64          `json:"fileIds,omitempty" maxItems:"20" doc:"Attachments: files the owner has uploaded"`
}

// AvoidanceInput excludes one agency.
type AvoidanceInput struct {
	AgencyID int64  `json:"agencyId"`
	Reason   string `json:"reason" maxLength:"500"`
}

// CancelInput is the reason for cancelling.
type CancelInput struct {
	Reason string `json:"reason" maxLength:"500" doc:"Why the announcement is cancelled; the registrants are told"`
}

// AnnouncementView is an announcement as its owner and the regulators see
// it. The draw's secret is never part of it.
type AnnouncementView struct {
	ID                       int64                   `json:"id"`
	OwnerID                  int64                   `json:"ownerId"`
	OwnerName                string                  `json:"ownerName"`
	ProjectID                int64                   `json:"projectId"`
	ProjectCode              string                  `json:"projectCode"`
	ProjectName              string                  `json:"projectName"`
	ProjectServiceID         int64                   `json:"projectServiceId"`
	ItemID                   int64                   `json:"itemId"`
	ItemCode                 string                  `json:"itemCode"`
	ItemNameZH               string                  `json:"itemNameZh"`
	ItemNameEN               string                  `json:"itemNameEn"`
	CategoryCode             string                  `json:"categoryCode"`
	CommittedDays            int                     `json:"committedDays" doc:"The item's committed time limit, working days: the longest service period"`
	RegionCode               string                  `json:"regionCode"`
	Round                    int                     `json:"round"`
	PreviousID               *int64                  `json:"previousId,omitempty" doc:"The failed round this one relists"`
	NextID                   *int64                  `json:"nextId,omitempty" doc:"The round that relists this one"`
	Code                     string                  `json:"code,omitempty" doc:"Given at publication, e.g. DLZJ-2026-000123"`
	OCID                     string                  `json:"ocid,omitempty"`
	Title                    string                  `json:"title"`
	Description              string                  `json:"description"`
	PractitionerRequirements string                  `json:"practitionerRequirements"`
	CeilingFen               int64                   `json:"ceilingFen"`
	StatedPriceFen           *int64                  `json:"statedPriceFen,omitempty"`
	Method                   string                  `json:"method" enum:"direct,random,lowest,comprehensive"`
	WeightPrice              *int                    `json:"weightPrice,omitempty"`
	WeightCredit             *int                    `json:"weightCredit,omitempty"`
	WeightRating             *int                    `json:"weightRating,omitempty"`
	ServiceWorkdays          int                     `json:"serviceWorkdays"`
	RegistrationDeadline     *time.Time              `json:"registrationDeadline,omitempty"`
	Status                   string                  `json:"status" enum:"draft,open,closed,failed,in_publicity,awarded,cancelled"`
	DrawCommitment           string                  `json:"drawCommitment,omitempty" doc:"SHA-256 of the draw's secret, hex, from publication"`
	RegistrantCount          int                     `json:"registrantCount"`
	PublishedAt              *time.Time              `json:"publishedAt,omitempty"`
	CancelledAt              *time.Time              `json:"cancelledAt,omitempty"`
	CancelReason             string                  `json:"cancelReason,omitempty"`
	FailedAt                 *time.Time              `json:"failedAt,omitempty"`
	FailReason               string                  `json:"failReason,omitempty"`
	AwardedAt                *time.Time              `json:"awardedAt,omitempty"`
	CreatedAt                time.Time               `json:"createdAt"`
	UpdatedAt                time.Time               `json:"updatedAt"`
	Requirements             []RequiredQualification `json:"requirements" nullable:"false" doc:"Qualifications a registrant must hold: the item's, fixed at publication"`
	Avoidances               []Avoidance             `json:"avoidances" nullable:"false"`
	Attachments              []Attachment            `json:"attachments" nullable:"false"`
	Actions                  []string                `json:"actions,omitempty" enum:"edit,delete,publish,cancel,relist" doc:"What the reader may do now"`
}

// RequiredQualification is a qualification a registrant must hold.
type RequiredQualification struct {
	TypeID      int64  `json:"typeId"`
	TypeNameZH  string `json:"typeNameZh"`
	TypeNameEN  string `json:"typeNameEn"`
	LevelCode   string `json:"levelCode"`
	LevelNameZH string `json:"levelNameZh"`
	LevelNameEN string `json:"levelNameEn"`
}

// Avoidance is an excluded agency with the reason.
type Avoidance struct {
	AgencyID   int64  `bun:"agency_id" json:"agencyId"`
	AgencyName string `bun:"-" json:"agencyName"`
	Reason     string `bun:"reason" json:"reason"`
}

// Attachment is a file attached to an announcement.
type Attachment struct {
	FileID      int64  `json:"fileId"`
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
}

// AnnouncementRow is a line of the owner's and regulators' list.
type AnnouncementRow struct {
	ID                   int64      `bun:"id" json:"id"`
	OwnerID              int64      `bun:"owner_id" json:"ownerId"`
	OwnerName            string     `bun:"-" json:"ownerName"`
	ProjectID            int64      `bun:"project_id" json:"projectId"`
	ItemID               int64      `bun:"item_id" json:"itemId"`
	ItemCode             string     `bun:"-" json:"itemCode"`
	ItemNameZH           string     `bun:"-" json:"itemNameZh"`
	ItemNameEN           string     `bun:"-" json:"itemNameEn"`
	Code                 string     `bun:"code" json:"code,omitempty"`
	Title                string     `bun:"title" json:"title"`
	Round                int        `bun:"round" json:"round"`
	Method               string     `bun:"method" json:"method" enum:"direct,random,lowest,comprehensive"`
	CeilingFen           int64      `bun:"ceiling_fen" json:"ceilingFen"`
	Status               string     `bun:"status" json:"status" enum:"draft,open,closed,failed,in_publicity,awarded,cancelled"`
	RegistrationDeadline *time.Time `bun:"registration_deadline" json:"registrationDeadline,omitempty"`
	RegistrantCount      int        `bun:"registrant_count" json:"registrantCount"`
	PublishedAt          *time.Time `bun:"published_at" json:"publishedAt,omitempty"`
	CreatedAt            time.Time  `bun:"created_at" json:"createdAt"`
}

// AnnouncementFilter narrows the owner's and regulators' list.
type AnnouncementFilter struct {
	Status    string `query:"status" enum:"draft,open,closed,failed,in_publicity,awarded,cancelled"`
	ProjectID int64  `query:"projectId"`
	Query     string `query:"q" maxLength:"100" doc:"Part of the code or title"`
	Todo      string `query:"todo" enum:"choose,objections" doc:"choose: direct selections whose choice is due; objections: selections with an objection not yet answered"`
}

// AnnouncementOwner returns the owner organisation of an announcement, for
// scoping.
func (s *Service) AnnouncementOwner(ctx context.Context, id int64) (int64, error) {
	return db.Column[int64](ctx, s.DB, (*Announcement)(nil), "owner_id", id, errAnnouncementNotFound)
}

// draft is an announcement's input checked against the rules, with what
// follows from its planned service.
type draft struct {
	AnnouncementInput
	service *ProjectService
	project *Project
	item    *catalog.ServiceItem
}

// validate checks in against the marketplace rules for owner org at now,
// in idb, reporting every broken rule as a field error with its reason.
// publishing adds what only publication needs (a deadline).
func validate(ctx context.Context, idb bun.IDB, org int64, in AnnouncementInput, rules *Rules, now time.Time, publishing bool) (*draft, error) {
	d := &draft{AnnouncementInput: in}
	var f errs.Fields
	d.Title, d.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	d.PractitionerRequirements = strings.TrimSpace(in.PractitionerRequirements)

	d.service = new(ProjectService)
	err := idb.NewSelect().Model(d.service).Join("JOIN projects AS p ON p.id = ps.project_id").
		Where("ps.id = ? AND p.owner_id = ?", in.ProjectServiceID, org).Scan(ctx)
	if db.IsNoRows(err) {
		f.Add("body.projectServiceId", "project_service_unknown", "choose a planned service of one of your projects")
		d.service = nil
	} else if err != nil {
		return nil, fmt.Errorf("planned service %d: %w", in.ProjectServiceID, err)
	}
	if d.service != nil {
		d.project = new(Project)
		if err := idb.NewSelect().Model(d.project).Where("p.id = ?", d.service.ProjectID).Scan(ctx); err != nil {
			return nil, fmt.Errorf("project %d: %w", d.service.ProjectID, err)
		}
		if d.item, err = catalog.FindItem(ctx, idb, d.service.ItemID); err != nil {
			return nil, err
		}
		if !d.item.Active {
			f.Add("body.projectServiceId", "item_retired", "the service item has been retired from the catalogue")
		}
	}
	checkLength(&f, "body.title", d.Title, 2, 200)
	checkLength(&f, "body.description", d.Description, 1, 5000)
	checkLength(&f, "body.practitionerRequirements", d.PractitionerRequirements, 0, 2000)

	switch {
	case in.CeilingFen <= 0:
		f.Add("body.ceilingFen", "ceiling_not_positive", "the ceiling price must be more than 0")
	case in.CeilingFen > rules.MaxCeilingFen:
		f.Add("body.ceilingFen", "ceiling_over_max", fmt.Sprintf("the ceiling price may be at most %d fen", rules.MaxCeilingFen))
	}
	switch in.Method {
	case MethodDirect:
		if in.CeilingFen >= rules.DirectLimitFen {
			f.Add("body.method", "direct_over_limit", fmt.Sprintf("direct selection only for a ceiling below %d fen", rules.DirectLimitFen))
		}
	case MethodRandom, MethodLowest, MethodComprehensive:
	default:
		f.Add("body.method", "method_unknown", "choose a selection method")
	}
	if in.Method == MethodRandom {
		switch p := in.StatedPriceFen; {
		case p == nil:
			f.Add("body.statedPriceFen", "stated_price_required", "a random draw states the price the winner is paid")
		case *p <= 0:
			f.Add("body.statedPriceFen", "stated_price_not_positive", "the stated price must be more than 0")
		case *p > in.CeilingFen:
			f.Add("body.statedPriceFen", "stated_price_over_ceiling", "the stated price may not exceed the ceiling")
		}
	} else {
		d.StatedPriceFen = nil
	}
	if in.Method == MethodComprehensive {
		sum := 0
		for _, w := range []struct {
			field string
			v     *int
		}{{"body.weightPrice", in.WeightPrice}, {"body.weightCredit", in.WeightCredit}, {"body.weightRating", in.WeightRating}} {
			if w.v == nil {
				f.Add(w.field, "weight_required", "comprehensive review states every weight")
				continue
			}
			if *w.v < 0 || *w.v > 100 {
				f.Add(w.field, "weight_range", "a weight is 0 to 100 percent")
			}
			sum += *w.v
		}
		if in.WeightPrice != nil && in.WeightCredit != nil && in.WeightRating != nil && sum != 100 {
			f.Add("body.weightPrice", "weights_sum", "the weights must add up to 100")
		}
	} else {
		d.WeightPrice, d.WeightCredit, d.WeightRating = nil, nil, nil
	}
	switch {
	case in.ServiceWorkdays < 1:
		f.Add("body.serviceWorkdays", "service_period_not_positive", "the service period is at least one working day")
	case d.item != nil && in.ServiceWorkdays > d.item.CommittedDays:
		f.Add("body.serviceWorkdays", "service_period_over_limit",
			fmt.Sprintf("the service period may be at most the item's committed %d working days", d.item.CommittedDays))
	}
	if err := checkDeadline(ctx, idb, &f, in.RegistrationDeadline, rules, now, publishing); err != nil {
		return nil, err
	}
	if err := checkAvoidances(ctx, idb, &f, in.Avoidances); err != nil {
		return nil, err
	}
	ids, err := checkFiles(ctx, idb, &f, org, in.FileIDs)
	if err != nil {
		return nil, err
	}
	d.FileIDs = ids
	return d, f.Err()
}

// checkDeadline applies the registration period: at least the rules'
// working days after now, counted with the holiday calendar.
func checkDeadline(ctx context.Context, idb bun.IDB, f *errs.Fields, deadline *time.Time, rules *Rules, now time.Time, publishing bool) error {
	const field = "body.registrationDeadline"
	if deadline == nil {
		if publishing {
			f.Add(field, "deadline_required", "set the registration deadline")
		}
		return nil
	}
	if y := deadline.Year(); y < 2000 || y > 9000 {
		f.Add(field, "date_out_of_range", "the deadline must be a real date")
		return nil
	}
	if !deadline.After(now) {
		f.Add(field, "deadline_passed", "the deadline has already passed")
		return nil
	}
	if deadline.After(now.AddDate(1, 0, 0)) {
		f.Add(field, "deadline_too_far", "the deadline may be at most a year away")
		return nil
	}
	n, err := workdays.Count(ctx, idb, now, *deadline)
	if err != nil {
		return err
	}
	if n < rules.RegistrationWorkdays {
		f.Add(field, "deadline_too_soon", fmt.Sprintf("registration must stay open at least %d working days", rules.RegistrationWorkdays))
	}
	return nil
}

func checkAvoidances(ctx context.Context, idb bun.IDB, f *errs.Fields, list []AvoidanceInput) error {
	if len(list) > maxAvoidances {
		f.Add("body.avoidances", "too_many", fmt.Sprintf("at most %d agencies", maxAvoidances))
		return nil
	}
	seen := map[int64]bool{}
	for i, a := range list {
		field := fmt.Sprintf("body.avoidances[%d]", i)
		org, err := identity.FindOrganisation(ctx, idb, a.AgencyID, false)
		switch {
		case errs.Is(err, errs.NotFound) || (err == nil && org.Kind != identity.KindAgency):
			f.Add(field+".agencyId", "agency_unknown", "choose an agency")
		case err != nil:
			return err
		case seen[a.AgencyID]:
			f.Add(field+".agencyId", "avoidance_duplicate", "the agency is already on the list")
		}
		seen[a.AgencyID] = true
		checkLength(f, field+".reason", a.Reason, 2, 500)
	}
	return nil
}

// checkFiles keeps the attachments that are the owner's own files, once
// each, and reports the others.
func checkFiles(ctx context.Context, idb bun.IDB, f *errs.Fields, org int64, ids []int64) ([]int64, error) {
	if len(ids) > maxAttachments {
		f.Add("body.fileIds", "too_many", fmt.Sprintf("at most %d attachments", maxAttachments))
		return nil, nil
	}
	var out []int64
	seen := map[int64]bool{}
	for i, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		_, err := files.Owned(ctx, idb, org, id)
		if errs.Is(err, errs.NotFound) {
			f.Add(fmt.Sprintf("body.fileIds[%d]", i), "attachment_unknown", "attach a file your organisation uploaded")
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// apply copies the checked draft onto a's columns.
func (d *draft) apply(a *Announcement) {
	a.ProjectID, a.ProjectServiceID, a.ItemID, a.RegionCode = d.project.ID, d.service.ID, d.service.ItemID, d.project.RegionCode
	a.Title, a.Description, a.PractitionerRequirements = d.Title, d.Description, d.PractitionerRequirements
	a.CeilingFen, a.StatedPriceFen, a.Method = d.CeilingFen, d.StatedPriceFen, d.Method
	a.WeightPrice, a.WeightCredit, a.WeightRating = d.WeightPrice, d.WeightCredit, d.WeightRating
	a.ServiceWorkdays, a.RegistrationDeadline = d.ServiceWorkdays, d.RegistrationDeadline
}

// replaceParts stores the avoidance list and the attachments of a draft.
func (d *draft) replaceParts(ctx context.Context, tx bun.Tx, id int64) error {
	if _, err := tx.NewRaw("DELETE FROM announcement_avoidances WHERE announcement_id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("clear avoidances of %d: %w", id, err)
	}
	if _, err := tx.NewRaw("DELETE FROM announcement_files WHERE announcement_id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("clear attachments of %d: %w", id, err)
	}
	for _, a := range d.Avoidances {
		if _, err := tx.NewRaw("INSERT INTO announcement_avoidances (announcement_id, agency_id, reason) VALUES (?, ?, ?)",
			id, a.AgencyID, strings.TrimSpace(a.Reason)).Exec(ctx); err != nil {
			return fmt.Errorf("store avoidance of %d: %w", id, err)
		}
	}
	for _, f := range d.FileIDs {
		if _, err := tx.NewRaw("INSERT INTO announcement_files (announcement_id, file_id) VALUES (?, ?)", id, f).Exec(ctx); err != nil {
			return fmt.Errorf("store attachment of %d: %w", id, err)
		}
	}
	return nil
}

// CreateAnnouncement drafts an announcement for a planned service of the
// caller's organisation.
func (s *Service) CreateAnnouncement(ctx context.Context, actor *authz.Principal, in AnnouncementInput) (*AnnouncementView, error) {
	var id int64
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		id, err = s.createDraft(ctx, tx, actor, in, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.Announcement(ctx, id)
}

// createDraft stores a new draft (round 1, or the round after previous).
func (s *Service) createDraft(ctx context.Context, tx bun.Tx, actor *authz.Principal, in AnnouncementInput, previous *Announcement) (int64, error) {
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return 0, err
	}
	rules, err := CurrentRules(ctx, tx)
	if err != nil {
		return 0, err
	}
	d, err := validate(ctx, tx, actor.OrgID, in, rules, now, false)
	if err != nil {
		return 0, err
	}
	a := &Announcement{OwnerID: actor.OrgID, Round: 1, Status: StatusDraft, CreatedBy: actor.UserID}
	if previous != nil {
		a.Round, a.PreviousID = previous.Round+1, &previous.ID
	}
	d.apply(a)
	_, err = tx.NewInsert().Model(a).
		Column("owner_id", "project_id", "project_service_id", "item_id", "region_code", "round", "previous_id",
			"title", "description", "practitioner_requirements", "ceiling_fen", "stated_price_fen", "method",
			"weight_price", "weight_credit", "weight_rating", "service_workdays", "registration_deadline", "status", "created_by").
		Returning("id").Exec(ctx)
	if err != nil {
		return 0, db.Violation(err, "create announcement", map[string]error{
			"announcements_previous_id_key": errAlreadyRelisted,
		})
	}
	if err := d.replaceParts(ctx, tx, a.ID); err != nil {
		return 0, err
	}
	action := "announcement.create"
	if previous != nil {
		action = "announcement.relist"
	}
	return a.ID, s.record(ctx, tx, actor, a.ID, action, now, nil, snapshot(a))
}

// UpdateAnnouncement changes a draft of organisation org.
func (s *Service) UpdateAnnouncement(ctx context.Context, actor *authz.Principal, org, id int64, in AnnouncementInput) (*AnnouncementView, error) {
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, now, err := s.lockFor(ctx, tx, org, id, ActionEdit)
		if err != nil {
			return err
		}
		rules, err := CurrentRules(ctx, tx)
		if err != nil {
			return err
		}
		d, err := validate(ctx, tx, org, in, rules, now, false)
		if err != nil {
			return err
		}
		before := snapshot(a)
		d.apply(a)
		_, err = tx.NewUpdate().Model(a).
			Column("project_id", "project_service_id", "item_id", "region_code", "title", "description",
				"practitioner_requirements", "ceiling_fen", "stated_price_fen", "method", "weight_price", "weight_credit",
				"weight_rating", "service_workdays", "registration_deadline").
			Set("updated_at = now()").WherePK().Exec(ctx)
		if err != nil {
			return fmt.Errorf("update announcement %d: %w", id, err)
		}
		if err := d.replaceParts(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, id, "announcement.edit", now, before, snapshot(a))
	})
	if err != nil {
		return nil, err
	}
	return s.Announcement(ctx, id)
}

// DeleteAnnouncement removes a draft of organisation org.
func (s *Service) DeleteAnnouncement(ctx context.Context, actor *authz.Principal, org, id int64) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		a, now, err := s.lockFor(ctx, tx, org, id, ActionDelete)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Announcement)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return fmt.Errorf("delete announcement %d: %w", id, err)
		}
		return s.record(ctx, tx, actor, id, "announcement.delete", now, snapshot(a), nil)
	})
}

// lockFor locks announcement id of organisation org and checks that action
// is allowed on it now.
func (s *Service) lockFor(ctx context.Context, tx bun.Tx, org, id int64, action string) (*Announcement, time.Time, error) {
	a := new(Announcement)
	err := tx.NewSelect().Model(a).Where("a.id = ? AND a.owner_id = ?", id, org).For("UPDATE").Scan(ctx)
	if err := db.One(err, fmt.Sprintf("lock announcement %d", id), errAnnouncementNotFound); err != nil {
		return nil, time.Time{}, err
	}
	now, err := s.Clock.Now(ctx, tx)
	if err != nil {
		return nil, time.Time{}, err
	}
	relisted := false
	if action == ActionRelist {
		if relisted, err = tx.NewSelect().Model((*Announcement)(nil)).Where("previous_id = ?", id).Exists(ctx); err != nil {
			return nil, time.Time{}, fmt.Errorf("next round of %d: %w", id, err)
		}
	}
	if err := allowed(a, action, now, relisted); err != nil {
		return nil, time.Time{}, err
	}
	return a, now, nil
}

// Announcements lists announcements, newest first: the caller's own
// organisation's for an owner, every owner's for regulators.
func (s *Service) Announcements(ctx context.Context, actor *authz.Principal, filter AnnouncementFilter) ([]AnnouncementRow, error) {
	return s.announcements(ctx, actor, filter, 500)
}

// announcements is Announcements with up to limit rows.
func (s *Service) announcements(ctx context.Context, actor *authz.Principal, filter AnnouncementFilter, limit int) ([]AnnouncementRow, error) {
	rows := []AnnouncementRow{}
	q := s.DB.NewSelect().Model((*Announcement)(nil)).
		Column("id", "owner_id", "project_id", "item_id", "title", "round", "method", "ceiling_fen", "status",
			"registration_deadline", "registrant_count", "published_at", "created_at").
		ColumnExpr("coalesce(a.code, '') AS code").OrderExpr("a.id DESC").Limit(int64(limit))
	if actor.OrgKind == identity.KindOwner {
		q = q.Where("a.owner_id = ?", actor.OrgID)
	}
	if filter.Status != "" {
		q = q.Where("a.status = ?", filter.Status)
	}
	if filter.ProjectID != 0 {
		q = q.Where("a.project_id = ?", filter.ProjectID)
	}
	if t := strings.TrimSpace(filter.Query); t != "" {
		like := db.Contains(t)
		q = q.Where("(a.code ILIKE ? OR a.title ILIKE ?)", like, like)
	}
	if filter.Todo != "" {
		var err error
		if q, err = s.todoFilter(ctx, q, filter.Todo); err != nil {
			return nil, err
		}
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("list announcements: %w", err)
	}
	owners, itemIDs := make([]int64, len(rows)), make([]int64, len(rows))
	for i, r := range rows {
		owners[i], itemIDs[i] = r.OwnerID, r.ItemID
	}
	names, err := identity.OrganisationNames(ctx, s.DB, owners)
	if err != nil {
		return nil, err
	}
	items, err := catalog.ItemSummaries(ctx, s.DB, itemIDs)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		it := items[rows[i].ItemID]
		rows[i].OwnerName, rows[i].ItemCode, rows[i].ItemNameZH, rows[i].ItemNameEN = names[rows[i].OwnerID], it.Code, it.NameZH, it.NameEN
	}
	return rows, nil
}

// Announcement returns one announcement as its owner and the regulators
// see it, with the actions the reader may take.
func (s *Service) Announcement(ctx context.Context, id int64) (*AnnouncementView, error) {
	a := new(Announcement)
	if err := db.One(s.DB.NewSelect().Model(a).Where("a.id = ?", id).Scan(ctx), fmt.Sprintf("get announcement %d", id), errAnnouncementNotFound); err != nil {
		return nil, err
	}
	return s.view(ctx, s.DB, a)
}

func (s *Service) view(ctx context.Context, idb bun.IDB, a *Announcement) (*AnnouncementView, error) {
	v := &AnnouncementView{ID: a.ID, OwnerID: a.OwnerID, ProjectID: a.ProjectID, ProjectServiceID: a.ProjectServiceID,
		ItemID: a.ItemID, RegionCode: a.RegionCode, Round: a.Round, PreviousID: a.PreviousID, Title: a.Title,
		Description: a.Description, PractitionerRequirements: a.PractitionerRequirements, CeilingFen: a.CeilingFen,
		StatedPriceFen: a.StatedPriceFen, Method: a.Method, WeightPrice: a.WeightPrice, WeightCredit: a.WeightCredit,
		WeightRating: a.WeightRating, ServiceWorkdays: a.ServiceWorkdays, RegistrationDeadline: a.RegistrationDeadline,
		Status: a.Status, RegistrantCount: a.RegistrantCount, PublishedAt: a.PublishedAt, CancelledAt: a.CancelledAt,
		FailedAt: a.FailedAt, AwardedAt: a.AwardedAt, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
		DrawCommitment: hex.EncodeToString(a.DrawCommitment)}
	v.Code, v.OCID = deref(a.Code), deref(a.OCID)
	v.CancelReason, v.FailReason = deref(a.CancelReason), deref(a.FailReason)
	names, err := identity.OrganisationNames(ctx, idb, []int64{a.OwnerID})
	if err != nil {
		return nil, err
	}
	v.OwnerName = names[a.OwnerID]
	p := new(Project)
	if err := idb.NewSelect().Model(p).Where("p.id = ?", a.ProjectID).Scan(ctx); err != nil {
		return nil, fmt.Errorf("project of announcement %d: %w", a.ID, err)
	}
	v.ProjectCode, v.ProjectName = p.Code, p.Name
	item, err := catalog.FindItem(ctx, idb, a.ItemID)
	if err != nil {
		return nil, err
	}
	v.ItemCode, v.ItemNameZH, v.ItemNameEN, v.CategoryCode, v.CommittedDays = item.Code, item.NameZH, item.NameEN, item.CategoryCode, item.CommittedDays
	var next int64
	err = idb.NewSelect().Model((*Announcement)(nil)).Column("id").Where("previous_id = ?", a.ID).Scan(ctx, &next)
	if err != nil && !db.IsNoRows(err) {
		return nil, fmt.Errorf("next round of %d: %w", a.ID, err)
	}
	if next != 0 {
		v.NextID = &next
	}
	if v.Requirements, err = requirements(ctx, idb, a); err != nil {
		return nil, err
	}
	if v.Avoidances, err = avoidances(ctx, idb, a.ID); err != nil {
		return nil, err
	}
	if v.Attachments, err = attachments(ctx, idb, a.ID); err != nil {
		return nil, err
	}
	now, err := s.Clock.Now(ctx, idb)
	if err != nil {
		return nil, err
	}
	ops := []struct{ action, op string }{
		{ActionEdit, "procurement.updateAnnouncement"}, {ActionDelete, "procurement.deleteAnnouncement"},
		{ActionPublish, "procurement.publishAnnouncement"}, {ActionCancel, "procurement.cancelAnnouncement"},
		{ActionRelist, "procurement.relistAnnouncement"},
	}
	for _, o := range ops {
		if authz.May(ctx, o.op, a.OwnerID) && allowed(a, o.action, now, v.NextID != nil) == nil {
			v.Actions = append(v.Actions, o.action)
		}
	}
	return v, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// requirements are the qualifications a registrant must hold: those copied
// at publication, or the item's current ones while a draft.
func requirements(ctx context.Context, idb bun.IDB, a *Announcement) ([]RequiredQualification, error) {
	var rows []struct {
		TypeID    int64  `bun:"type_id"`
		LevelCode string `bun:"level_code"`
	}
	if a.Status == StatusDraft {
		item, err := catalog.FindItem(ctx, idb, a.ItemID)
		if err != nil {
			return nil, err
		}
		for _, r := range item.Requirements {
			rows = append(rows, struct {
				TypeID    int64  `bun:"type_id"`
				LevelCode string `bun:"level_code"`
			}{r.TypeID, r.MinLevelCode})
		}
	} else if err := idb.NewRaw("SELECT type_id, level_code FROM announcement_requirements WHERE announcement_id = ? ORDER BY type_id", a.ID).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("requirements of announcement %d: %w", a.ID, err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.TypeID
	}
	types, err := catalog.Types(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	out := make([]RequiredQualification, len(rows))
	for i, r := range rows {
		t := types[r.TypeID]
		l, _ := t.Level(r.LevelCode)
		out[i] = RequiredQualification{TypeID: r.TypeID, TypeNameZH: t.NameZH, TypeNameEN: t.NameEN, LevelCode: r.LevelCode, LevelNameZH: l.NameZH, LevelNameEN: l.NameEN}
	}
	return out, nil
}

func avoidances(ctx context.Context, idb bun.IDB, id int64) ([]Avoidance, error) {
	list := []Avoidance{}
	if err := idb.NewRaw("SELECT agency_id, reason FROM announcement_avoidances WHERE announcement_id = ? ORDER BY agency_id", id).Scan(ctx, &list); err != nil {
		return nil, fmt.Errorf("avoidances of announcement %d: %w", id, err)
	}
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.AgencyID
	}
	names, err := identity.OrganisationNames(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].AgencyName = names[list[i].AgencyID]
	}
	return list, nil
}

func attachments(ctx context.Context, idb bun.IDB, id int64) ([]Attachment, error) {
	var ids []int64
	if err := idb.NewRaw("SELECT file_id FROM announcement_files WHERE announcement_id = ? ORDER BY file_id", id).Scan(ctx, &ids); err != nil {
		return nil, fmt.Errorf("attachments of announcement %d: %w", id, err)
	}
	sums, err := files.Summaries(ctx, idb, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Attachment, 0, len(ids))
	for _, f := range ids {
		out = append(out, Attachment{FileID: f, Filename: sums[f].Filename, ContentType: sums[f].ContentType})
	}
	return out, nil
}
