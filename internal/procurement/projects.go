package procurement

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"intermart/internal/authz"
	"intermart/internal/catalog"
	"intermart/internal/db"
	"intermart/internal/errs"
	"intermart/internal/identity"
)

var (
	errProjectNotFound = errs.New(errs.NotFound, "project_not_found", "no such project")
	errServiceNotFound = errs.New(errs.NotFound, "project_service_not_found", "no such planned service")
	errServiceInUse    = errs.New(errs.Conflict, "service_has_announcements", "the planned service has announcements: it can no longer be removed")
)

// Planned service states, as the owner and regulators see them.
const (
	ServiceToBuy = "to_buy" // no announcement in progress or awarded
	ServiceOpen  = "open"   // an announcement is published and not yet awarded, failed or cancelled
	ServiceDone  = "done"   // an announcement of it was awarded
)

// Project actions.
const (
	ActionAddService = "add_service"
	ActionAnnounce   = "announce"
)

// ProjectInput is what an owner enters for an investment project.
type ProjectInput struct {
	Code               string `json:"code" maxLength:"40" doc:"National project code YYYY-AAAAAA-BB-CC-NNNNNN: year, the six-digit division (in Dali), industry, type, serial"`
	Name               string `json:"name" maxLength:"200"`
	RegionCode         string `json:"regionCode" maxLength:"6"`
	TotalInvestmentFen int64  `json:"totalInvestmentFen" doc:"Total investment, fen"`
	Stage              string `json:"stage" enum:"planning,approval,design,construction,completed"`
}

// ProjectServiceInput is a service a project will need.
type ProjectServiceInput struct {
	ItemID      int64  `json:"itemId"`
	PlannedDate string `json:"plannedDate,omitempty" maxLength:"10" doc:"When the owner plans to procure it, YYYY-MM-DD"`
	Note        string `json:"note" maxLength:"500"`
}

// ProjectServiceChange changes a planned service's date and note; its item
// stays.
type ProjectServiceChange struct {
	PlannedDate string `json:"plannedDate,omitempty" maxLength:"10"`
	Note        string `json:"note" maxLength:"500"`
}

// ProjectView is a project as its owner and the regulators see it.
type ProjectView struct {
	ID                 int64            `json:"id"`
	OwnerID            int64            `json:"ownerId"`
	OwnerName          string           `json:"ownerName"`
	Code               string           `json:"code"`
	Name               string           `json:"name"`
	RegionCode         string           `json:"regionCode"`
	RegionNameZH       string           `json:"regionNameZh"`
	RegionNameEN       string           `json:"regionNameEn"`
	TotalInvestmentFen int64            `json:"totalInvestmentFen"`
	Stage              string           `json:"stage" enum:"planning,approval,design,construction,completed"`
	CreatedAt          time.Time        `json:"createdAt"`
	UpdatedAt          time.Time        `json:"updatedAt"`
	Services           []PlannedService `json:"services" nullable:"false"`
	ToBuy              int              `json:"toBuy" doc:"Planned services still to buy"`
	Open               int              `json:"open" doc:"Planned services with an announcement in progress"`
	Done               int              `json:"done" doc:"Planned services awarded"`
	Actions            []string         `json:"actions,omitempty" enum:"edit,add_service" doc:"What the reader may do with the project"`
}

// PlannedService is a planned service with its state and its announcements.
type PlannedService struct {
	ID            int64             `json:"id"`
	ProjectID     int64             `json:"projectId"`
	ItemID        int64             `json:"itemId"`
	ItemCode      string            `json:"itemCode"`
	ItemNameZH    string            `json:"itemNameZh"`
	ItemNameEN    string            `json:"itemNameEn"`
	PlannedDate   string            `json:"plannedDate,omitempty" format:"date"`
	Note          string            `json:"note"`
	State         string            `json:"state" enum:"to_buy,open,done"`
	Announcements []AnnouncementRef `json:"announcements" nullable:"false"`
	Actions       []string          `json:"actions,omitempty" enum:"edit,delete,announce" doc:"What the reader may do with the planned service"`
}

// AnnouncementRef names an announcement of a planned service.
type AnnouncementRef struct {
	ID     int64  `bun:"id" json:"id"`
	Code   string `bun:"code" json:"code,omitempty"`
	Round  int    `bun:"round" json:"round"`
	Status string `bun:"status" json:"status" enum:"draft,open,closed,failed,in_publicity,awarded,cancelled"`
	Title  string `bun:"title" json:"title"`
}

// ProjectFilter narrows the project list.
type ProjectFilter struct {
	Query   string `query:"q" maxLength:"100" doc:"Part of the code or name"`
	OwnerID int64  `query:"ownerId" doc:"Projects of one owner (regulators)"`
}

// projectCode is the national project code; the division is checked
// against Dali's regions.
var projectCode = regexp.MustCompile(`^([0-9]{4})-([0-9]{6})-([0-9]{2})-([0-9]{2})-([0-9]{6})$`)

// maxInvestmentFen bounds a project's total investment: a thousand billion yuan.
const maxInvestmentFen = 100_000_000_000_000

func checkLength(f *errs.Fields, field, s string, min, max int) {
	n := len([]rune(strings.TrimSpace(s)))
	switch {
	case n == 0 && min > 0:
		f.Add(field, "required", "this field is required")
	case n < min || n > max:
		f.Add(field, "length", fmt.Sprintf("must be %d to %d characters", min, max))
	}
}

// validate checks a project's input, the division of its code and its
// region against Dali's, in idb.
func (in *ProjectInput) validate(ctx context.Context, idb bun.IDB) error {
	var f errs.Fields
	in.Code, in.Name = strings.TrimSpace(in.Code), strings.TrimSpace(in.Name)
	if m := projectCode.FindStringSubmatch(in.Code); m == nil {
		f.Add("body.code", "project_code_format", "the project code is YYYY-AAAAAA-BB-CC-NNNNNN")
	} else if year, _ := strconv.Atoi(m[1]); year < 1990 || year > 2100 {
		f.Add("body.code", "project_code_year", "the project code starts with a year from 1990 to 2100")
	} else if _, err := identity.FindRegion(ctx, idb, m[2]); errs.Is(err, errs.NotFound) {
		f.Add("body.code", "project_code_division", "the division in the project code must be one of Dali's")
	} else if err != nil {
		return err
	}
	checkLength(&f, "body.name", in.Name, 2, 200)
	if _, err := identity.FindRegion(ctx, idb, in.RegionCode); errs.Is(err, errs.NotFound) {
		f.Add("body.regionCode", "region_unknown", "choose one of Dali's divisions")
	} else if err != nil {
		return err
	}
	if in.TotalInvestmentFen < 0 || in.TotalInvestmentFen > maxInvestmentFen {
		f.Add("body.totalInvestmentFen", "amount_range", "the total investment must be 0 or more, and at most a thousand billion yuan")
	}
	switch in.Stage {
	case StagePlanning, StageApproval, StageDesign, StageConstruction, StageCompleted:
	default:
		f.Add("body.stage", "stage_unknown", "choose a stage")
	}
	return f.Err()
}

var projectUnique = map[string]error{
	"projects_code_key": errs.Field("body.code", "project_code_taken", "a project with this code is already in the library"),
}

// ProjectOwner returns the owner organisation of a project, for scoping.
func (s *Service) ProjectOwner(ctx context.Context, id int64) (int64, error) {
	return db.Column[int64](ctx, s.DB, (*Project)(nil), "owner_id", id, errProjectNotFound)
}

// CreateProject adds a project to the caller's organisation's library.
func (s *Service) CreateProject(ctx context.Context, actor *authz.Principal, in ProjectInput) (*ProjectView, error) {
	var id int64
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := in.validate(ctx, tx); err != nil {
			return err
		}
		p := &Project{OwnerID: actor.OrgID, Code: in.Code, Name: in.Name, RegionCode: in.RegionCode,
			TotalInvestmentFen: in.TotalInvestmentFen, Stage: in.Stage}
		_, err := tx.NewInsert().Model(p).ExcludeColumn("id", "created_at", "updated_at").Returning("id").Exec(ctx)
		if err != nil {
			return db.Violation(err, "create project", projectUnique)
		}
		id = p.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Project(ctx, id)
}

// UpdateProject changes a project of organisation org.
func (s *Service) UpdateProject(ctx context.Context, org, id int64, in ProjectInput) (*ProjectView, error) {
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := in.validate(ctx, tx); err != nil {
			return err
		}
		res, err := tx.NewUpdate().Model((*Project)(nil)).
			Set("code = ?, name = ?, region_code = ?", in.Code, in.Name, in.RegionCode).
			Set("total_investment_fen = ?, stage = ?, updated_at = now()", in.TotalInvestmentFen, in.Stage).
			Where("id = ? AND owner_id = ?", id, org).Exec(ctx)
		if err != nil {
			return db.Violation(err, "update project", projectUnique)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errProjectNotFound
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Project(ctx, id)
}

// Projects lists projects, newest first: the caller's own organisation's
// for an owner, every owner's (or one's) for regulators.
func (s *Service) Projects(ctx context.Context, actor *authz.Principal, filter ProjectFilter) ([]ProjectView, error) {
	var rows []Project
	q := s.DB.NewSelect().Model(&rows).OrderExpr("p.id DESC").Limit(500)
	if actor.OrgKind == identity.KindOwner {
		q = q.Where("p.owner_id = ?", actor.OrgID)
	} else if filter.OwnerID != 0 {
		q = q.Where("p.owner_id = ?", filter.OwnerID)
	}
	if t := strings.TrimSpace(filter.Query); t != "" {
		like := db.Contains(t)
		q = q.Where("(p.code ILIKE ? OR p.name ILIKE ?)", like, like)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	return s.describeProjects(ctx, s.DB, rows)
}

// Project returns one project with its planned services.
func (s *Service) Project(ctx context.Context, id int64) (*ProjectView, error) {
	p := new(Project)
	if err := db.One(s.DB.NewSelect().Model(p).Where("p.id = ?", id).Scan(ctx), fmt.Sprintf("get project %d", id), errProjectNotFound); err != nil {
		return nil, err
	}
	views, err := s.describeProjects(ctx, s.DB, []Project{*p})
	if err != nil {
		return nil, err
	}
	return &views[0], nil
}

// describeProjects builds the views of projects: names from identity and
// the catalogue, and each planned service's state from its announcements.
func (s *Service) describeProjects(ctx context.Context, idb bun.IDB, rows []Project) ([]ProjectView, error) {
	views := make([]ProjectView, len(rows))
	if len(rows) == 0 {
		return views, nil
	}
	ids, owners, regions := make([]int64, len(rows)), make([]int64, len(rows)), make([]string, len(rows))
	for i, p := range rows {
		ids[i], owners[i], regions[i] = p.ID, p.OwnerID, p.RegionCode
	}
	names, err := identity.OrganisationNames(ctx, idb, owners)
	if err != nil {
		return nil, err
	}
	regionNames, err := identity.RegionsByCode(ctx, idb, regions)
	if err != nil {
		return nil, err
	}
	var services []ProjectService
	if err := idb.NewSelect().Model(&services).Where("ps.project_id IN (?)", bun.In(ids)).OrderExpr("ps.planned_date NULLS LAST, ps.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("planned services: %w", err)
	}
	itemIDs := make([]int64, len(services))
	serviceIDs := make([]int64, len(services))
	for i, ps := range services {
		itemIDs[i], serviceIDs[i] = ps.ItemID, ps.ID
	}
	items, err := catalog.ItemSummaries(ctx, idb, itemIDs)
	if err != nil {
		return nil, err
	}
	refs := map[int64][]AnnouncementRef{}
	if len(serviceIDs) > 0 {
		var rows []struct {
			AnnouncementRef
			ServiceID int64 `bun:"project_service_id"`
		}
		err := idb.NewSelect().Model((*Announcement)(nil)).
			ColumnExpr("a.id, coalesce(a.code, '') AS code, a.round, a.status, a.title, a.project_service_id").
			Where("a.project_service_id IN (?)", bun.In(serviceIDs)).OrderExpr("a.id").Scan(ctx, &rows)
		if err != nil {
			return nil, fmt.Errorf("announcements of planned services: %w", err)
		}
		for _, r := range rows {
			refs[r.ServiceID] = append(refs[r.ServiceID], r.AnnouncementRef)
		}
	}
	byProject := map[int64]int{}
	for i, p := range rows {
		byProject[p.ID] = i
		r := regionNames[p.RegionCode]
		views[i] = ProjectView{ID: p.ID, OwnerID: p.OwnerID, OwnerName: names[p.OwnerID], Code: p.Code, Name: p.Name,
			RegionCode: p.RegionCode, RegionNameZH: r.NameZH, RegionNameEN: r.NameEN, TotalInvestmentFen: p.TotalInvestmentFen,
			Stage: p.Stage, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Services: []PlannedService{}}
		if authz.May(ctx, "procurement.updateProject", p.OwnerID) {
			views[i].Actions = append(views[i].Actions, ActionEdit)
		}
		if authz.May(ctx, "procurement.addProjectService", p.OwnerID) {
			views[i].Actions = append(views[i].Actions, ActionAddService)
		}
	}
	for _, ps := range services {
		v := &views[byProject[ps.ProjectID]]
		it := items[ps.ItemID]
		list := refs[ps.ID]
		if list == nil {
			list = []AnnouncementRef{}
		}
		planned := PlannedService{ID: ps.ID, ProjectID: ps.ProjectID, ItemID: ps.ItemID, ItemCode: it.Code,
			ItemNameZH: it.NameZH, ItemNameEN: it.NameEN, Note: ps.Note, State: serviceState(list), Announcements: list}
		if ps.PlannedDate != nil {
			planned.PlannedDate = ps.PlannedDate.Format(time.DateOnly)
		}
		if authz.May(ctx, "procurement.updateProjectService", v.OwnerID) {
			planned.Actions = append(planned.Actions, ActionEdit)
			if len(list) == 0 {
				planned.Actions = append(planned.Actions, ActionDelete)
			}
		}
		// Only the owner's own staff draft announcements (regulators read them).
		if p := authz.PrincipalFrom(ctx); p != nil && p.OrgID == v.OwnerID && authz.May(ctx, "procurement.createAnnouncement", v.OwnerID) &&
			planned.State == ServiceToBuy && it.Active && !hasDraft(list) {
			planned.Actions = append(planned.Actions, ActionAnnounce)
		}
		switch planned.State {
		case ServiceToBuy:
			v.ToBuy++
		case ServiceOpen:
			v.Open++
		case ServiceDone:
			v.Done++
		}
		v.Services = append(v.Services, planned)
	}
	return views, nil
}

// serviceState is the state of a planned service from its announcements:
// done once one is awarded; open while one is published and neither
// failed, cancelled nor awarded; otherwise still to buy (a draft is not yet
// an announcement in progress, a failed or cancelled round needs another).
func serviceState(list []AnnouncementRef) string {
	state := ServiceToBuy
	for _, a := range list {
		switch a.Status {
		case StatusAwarded:
			return ServiceDone
		case StatusOpen, StatusClosed, StatusInPublicity:
			state = ServiceOpen
		}
	}
	return state
}

func hasDraft(list []AnnouncementRef) bool {
	for _, a := range list {
		if a.Status == StatusDraft {
			return true
		}
	}
	return false
}

// parsePlannedDate reads an optional date.
func parsePlannedDate(f *errs.Fields, field, s string) *time.Time {
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Year() < 1990 || d.Year() > 2100 {
		f.Add(field, "date_format", "a date YYYY-MM-DD between 1990 and 2100")
		return nil
	}
	return &d
}

// AddProjectService plans a service for project id of organisation org.
func (s *Service) AddProjectService(ctx context.Context, org, id int64, in ProjectServiceInput) (*ProjectView, error) {
	var f errs.Fields
	date := parsePlannedDate(&f, "body.plannedDate", in.PlannedDate)
	checkLength(&f, "body.note", in.Note, 0, 500)
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		item, err := catalog.FindItem(ctx, tx, in.ItemID)
		if errs.Is(err, errs.NotFound) || (err == nil && !item.Active) {
			f.Add("body.itemId", "item_unknown", "choose an item of the catalogue")
		} else if err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := s.lockProject(ctx, tx, org, id); err != nil {
			return err
		}
		ps := &ProjectService{ProjectID: id, ItemID: in.ItemID, PlannedDate: date, Note: strings.TrimSpace(in.Note)}
		_, err = tx.NewInsert().Model(ps).ExcludeColumn("id", "created_at").Exec(ctx)
		return db.Violation(err, "add planned service", map[string]error{
			"project_services_project_id_item_id_key": errs.Field("body.itemId", "service_planned", "the project already plans this service"),
		})
	})
	if err != nil {
		return nil, err
	}
	return s.Project(ctx, id)
}

func (s *Service) lockProject(ctx context.Context, tx bun.IDB, org, id int64) error {
	var got int64
	err := tx.NewSelect().Model((*Project)(nil)).Column("id").Where("id = ? AND owner_id = ?", id, org).For("UPDATE").Scan(ctx, &got)
	return db.One(err, fmt.Sprintf("lock project %d", id), errProjectNotFound)
}

// UpdateProjectService changes a planned service's date and note.
func (s *Service) UpdateProjectService(ctx context.Context, org, projectID, serviceID int64, in ProjectServiceChange) (*ProjectView, error) {
	var f errs.Fields
	date := parsePlannedDate(&f, "body.plannedDate", in.PlannedDate)
	checkLength(&f, "body.note", in.Note, 0, 500)
	if err := f.Err(); err != nil {
		return nil, err
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.lockProject(ctx, tx, org, projectID); err != nil {
			return err
		}
		res, err := tx.NewUpdate().Model((*ProjectService)(nil)).Set("planned_date = ?, note = ?", date, strings.TrimSpace(in.Note)).
			Where("id = ? AND project_id = ?", serviceID, projectID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("update planned service %d: %w", serviceID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errServiceNotFound
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Project(ctx, projectID)
}

// DeleteProjectService removes a planned service no announcement refers to.
func (s *Service) DeleteProjectService(ctx context.Context, org, projectID, serviceID int64) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.lockProject(ctx, tx, org, projectID); err != nil {
			return err
		}
		used, err := tx.NewSelect().Model((*Announcement)(nil)).Where("project_service_id = ?", serviceID).Exists(ctx)
		if err != nil {
			return fmt.Errorf("announcements of planned service %d: %w", serviceID, err)
		}
		if used {
			return errServiceInUse
		}
		res, err := tx.NewDelete().Model((*ProjectService)(nil)).Where("id = ? AND project_id = ?", serviceID, projectID).Exec(ctx)
		if err != nil {
			return fmt.Errorf("delete planned service %d: %w", serviceID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errServiceNotFound
		}
		return nil
	})
}

// ItemsInUse reports which service items a planned service or an
// announcement refers to, so the catalogue keeps their codes fixed.
func ItemsInUse(ctx context.Context, idb bun.IDB, itemIDs []int64) (map[int64]bool, error) {
	var used []int64
	err := idb.NewRaw(`SELECT item_id FROM project_services WHERE item_id IN (?)
		UNION SELECT item_id FROM announcements WHERE item_id IN (?)`, bun.In(itemIDs), bun.In(itemIDs)).Scan(ctx, &used)
	if err != nil {
		return nil, fmt.Errorf("service items planned or announced: %w", err)
	}
	out := make(map[int64]bool, len(used))
	for _, id := range used {
		out[id] = true
	}
	return out, nil
}

// ProjectCodeTaken reports whether a project with the national code is in
// any owner's library.
func ProjectCodeTaken(ctx context.Context, idb bun.IDB, code string) (bool, error) {
	ok, err := idb.NewSelect().Model((*Project)(nil)).Where("code = ?", code).Exists(ctx)
	if err != nil {
		return false, fmt.Errorf("project code %q: %w", code, err)
	}
	return ok, nil
}
