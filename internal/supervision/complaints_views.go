package supervision

import (
	"context"
	"fmt"
	"time"

	"intermart/internal/audit"
	"intermart/internal/authz"
	"intermart/internal/files"
	"intermart/internal/identity"
)

// ComplaintView is a complaint as its parties and the regulators see it.
type ComplaintView struct {
	ID              int64           `json:"id"`
	TargetKind      string          `json:"targetKind" enum:"announcement,selection,contract"`
	TargetID        int64           `json:"targetId"`
	AnnouncementID  int64           `json:"announcementId"`
	ContractID      *int64          `json:"contractId,omitempty"`
	SubjectCode     string          `json:"subjectCode" doc:"The announcement's or the contract's code"`
	SubjectTitle    string          `json:"subjectTitle"`
	ComplainantID   int64           `json:"complainantId"`
	ComplainantName string          `json:"complainantName"`
	RespondentID    int64           `json:"respondentId"`
	RespondentName  string          `json:"respondentName"`
	Grounds         string          `json:"grounds"`
	Status          string          `json:"status" enum:"filed,accepted,rejected,upheld,dismissed"`
	FiledAt         time.Time       `json:"filedAt"`
	DecideBy        time.Time       `json:"decideBy" doc:"The rules' complaint working days after filing"`
	Overdue         bool            `json:"overdue" doc:"Still undecided past decideBy, by the marketplace clock"`
	ReviewedAt      *time.Time      `json:"reviewedAt,omitempty"`
	ReviewNote      string          `json:"reviewNote,omitempty"`
	Suspended       bool            `json:"suspended" doc:"The procedure is suspended by this complaint"`
	DecidedAt       *time.Time      `json:"decidedAt,omitempty"`
	Reasoning       string          `json:"reasoning,omitempty"`
	Summary         string          `json:"summary,omitempty"`
	SelectionVoided bool            `json:"selectionVoided"`
	MyRole          string          `json:"myRole" enum:"complainant,respondent,owner,regulator"`
	Evidence        []EvidenceView  `json:"evidence" nullable:"false"`
	Messages        []MessageView   `json:"messages" nullable:"false"`
	Actions         []string        `json:"actions" nullable:"false" doc:"What the caller may do: review, suspend, resume, decide, message"`
	Events          []ComplaintStep `json:"events" nullable:"false" doc:"The complaint's audit history"`
}

// EvidenceView is an evidence file of a complaint.
type EvidenceView struct {
	FileID      int64  `json:"fileId"`
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
}

// MessageView is a message of a complaint's thread.
type MessageView struct {
	ID         int64     `json:"id"`
	Role       string    `json:"role" enum:"complainant,respondent,owner,regulator"`
	AuthorName string    `json:"authorName" doc:"The author's organisation"`
	Body       string    `json:"body"`
	CreatedAt  time.Time `json:"createdAt"`
}

// ComplaintStep is one recorded step of a complaint.
type ComplaintStep struct {
	Seq    int64     `json:"seq"`
	At     time.Time `json:"at"`
	Action string    `json:"action"`
}

// ComplaintFilter narrows the complaints list.
type ComplaintFilter struct {
	Status string `query:"status" enum:"filed,accepted,rejected,upheld,dismissed" doc:"Only complaints in this state"`
}

// listCap bounds the complaints list: the newest first.
const listCap = 500

// Complaints lists the complaints the caller may see: every one for a
// regulator, those its organisation filed, answers or owns the procedure
// of for anyone else; newest first.
func (s *Service) Complaints(ctx context.Context, actor *authz.Principal, f ComplaintFilter) ([]ComplaintView, error) {
	return s.complaints(ctx, actor, f, listCap)
}

// complaints is Complaints with up to limit rows.
func (s *Service) complaints(ctx context.Context, actor *authz.Principal, f ComplaintFilter, limit int) ([]ComplaintView, error) {
	var rows []complaintRecord
	q := s.DB.NewSelect().Model(&rows).Order("cp.id DESC").Limit(int64(limit))
	if actor.Role != authz.Regulator {
		q = q.Where("cp.complainant_org = ? OR cp.respondent_org = ? OR cp.owner_id = ?", actor.OrgID, actor.OrgID, actor.OrgID)
	}
	if f.Status != "" {
		q = q.Where("cp.status = ?", f.Status)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("complaints: %w", err)
	}
	return s.views(ctx, actor, rows, false)
}

// Complaint is complaint id with its evidence, thread and history, for a
// party or a regulator; anyone else is told it does not exist.
func (s *Service) Complaint(ctx context.Context, actor *authz.Principal, id int64) (*ComplaintView, error) {
	c := new(complaintRecord)
	if err := s.DB.NewSelect().Model(c).Where("cp.id = ?", id).Scan(ctx); err != nil || roleOf(actor, c) == "" {
		return nil, errComplaintNotFound
	}
	list, err := s.views(ctx, actor, []complaintRecord{*c}, true)
	if err != nil {
		return nil, err
	}
	return &list[0], nil
}

func (s *Service) views(ctx context.Context, actor *authz.Principal, rows []complaintRecord, detail bool) ([]ComplaintView, error) {
	ids := []int64{}
	for _, c := range rows {
		ids = append(ids, c.ComplainantOrg, c.RespondentOrg)
	}
	var msgs []complaintMessage
	var evidence []complaintEvidence
	if detail && len(rows) > 0 {
		if err := s.DB.NewSelect().Model(&msgs).Where("cm.complaint_id = ?", rows[0].ID).Order("cm.id").Scan(ctx); err != nil {
			return nil, fmt.Errorf("complaint messages: %w", err)
		}
		for _, m := range msgs {
			ids = append(ids, m.AuthorOrg)
		}
		if err := s.DB.NewSelect().Model(&evidence).Where("complaint_id = ?", rows[0].ID).Order("file_id").Scan(ctx); err != nil {
			return nil, fmt.Errorf("complaint evidence: %w", err)
		}
	}
	names, err := identity.OrganisationNames(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	now, err := s.Clock.Now(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	out := make([]ComplaintView, 0, len(rows))
	for _, c := range rows {
		v := ComplaintView{ID: c.ID, TargetKind: c.TargetKind, TargetID: c.TargetID, AnnouncementID: c.AnnouncementID, ContractID: c.ContractID,
			SubjectCode: c.SubjectCode, SubjectTitle: c.SubjectTitle, ComplainantID: c.ComplainantOrg, ComplainantName: names[c.ComplainantOrg],
			RespondentID: c.RespondentOrg, RespondentName: names[c.RespondentOrg], Grounds: c.Grounds, Status: c.Status,
			FiledAt: c.FiledAt, DecideBy: c.DecideBy, ReviewedAt: c.ReviewedAt, Suspended: c.Suspended, DecidedAt: c.DecidedAt,
			SelectionVoided: c.SelectionVoided, MyRole: roleOf(actor, &c),
			Overdue:  (c.Status == ComplaintFiled || c.Status == ComplaintAccepted) && now.After(c.DecideBy),
			Evidence: []EvidenceView{}, Messages: []MessageView{}, Actions: []string{}, Events: []ComplaintStep{}}
		if c.ReviewNote != nil {
			v.ReviewNote = *c.ReviewNote
		}
		if c.Reasoning != nil {
			v.Reasoning = *c.Reasoning
		}
		if c.Summary != nil {
			v.Summary = *c.Summary
		}
		v.Actions = complaintActions(ctx, actor, &c)
		out = append(out, v)
	}
	if detail && len(out) > 0 {
		v := &out[0]
		for _, m := range msgs {
			v.Messages = append(v.Messages, MessageView{ID: m.ID, Role: m.Role, AuthorName: names[m.AuthorOrg], Body: m.Body, CreatedAt: m.CreatedAt})
		}
		fids := make([]int64, 0, len(evidence))
		for _, e := range evidence {
			fids = append(fids, e.FileID)
		}
		sums, err := files.Summaries(ctx, s.DB, fids)
		if err != nil {
			return nil, err
		}
		for _, id := range fids {
			v.Evidence = append(v.Evidence, EvidenceView{FileID: id, Filename: sums[id].Filename, ContentType: sums[id].ContentType})
		}
		steps, err := complaintHistory(ctx, s, rows[0].ID)
		if err != nil {
			return nil, err
		}
		v.Events = steps
	}
	return out, nil
}

// complaintActions says what actor may do with c now.
func complaintActions(ctx context.Context, actor *authz.Principal, c *complaintRecord) []string {
	acts := []string{}
	role := roleOf(actor, c)
	open := c.Status == ComplaintFiled || c.Status == ComplaintAccepted
	if role == RoleRegulator {
		if c.Status == ComplaintFiled && authz.May(ctx, "supervision.reviewComplaint", 0) {
			acts = append(acts, "review")
		}
		if c.Status == ComplaintAccepted && c.TargetKind != TargetContract && !c.Suspended && authz.May(ctx, "supervision.suspendProcedure", 0) {
			acts = append(acts, "suspend")
		}
		if c.Suspended && authz.May(ctx, "supervision.resumeProcedure", 0) {
			acts = append(acts, "resume")
		}
		if c.Status == ComplaintAccepted && authz.May(ctx, "supervision.decideComplaint", 0) {
			acts = append(acts, "decide")
		}
	}
	if role != "" && open && authz.May(ctx, "supervision.postComplaintMessage", 0) {
		acts = append(acts, "message")
	}
	return acts
}

// PublicDecision is a decided complaint as published (投诉处理结果公告).
type PublicDecision struct {
	ID              int64     `json:"id"`
	TargetKind      string    `json:"targetKind" enum:"announcement,selection,contract"`
	AnnouncementID  int64     `json:"announcementId"`
	SubjectCode     string    `json:"subjectCode"`
	SubjectTitle    string    `json:"subjectTitle"`
	RespondentName  string    `json:"respondentName"`
	Decision        string    `json:"decision" enum:"upheld,dismissed"`
	Summary         string    `json:"summary"`
	SelectionVoided bool      `json:"selectionVoided"`
	FiledAt         time.Time `json:"filedAt"`
	DecidedAt       time.Time `json:"decidedAt"`
}

// DecisionFilter narrows the published decisions.
type DecisionFilter struct {
	Decision string `query:"decision" enum:"upheld,dismissed" doc:"Only decisions with this outcome"`
}

// PublicDecisions lists the decided complaints in summary, newest first:
// the subject, the respondent, the outcome and its summary; never the
// complainant, the grounds, the evidence or the thread.
func (s *Service) PublicDecisions(ctx context.Context, f DecisionFilter) ([]PublicDecision, error) {
	var rows []complaintRecord
	q := s.DB.NewSelect().Model(&rows).Where("cp.decided_at IS NOT NULL").Order("cp.decided_at DESC", "cp.id DESC").Limit(listCap)
	if f.Decision != "" {
		q = q.Where("cp.status = ?", f.Decision)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("decided complaints: %w", err)
	}
	ids := make([]int64, 0, len(rows))
	for _, c := range rows {
		ids = append(ids, c.RespondentOrg)
	}
	names, err := identity.OrganisationNames(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	out := make([]PublicDecision, 0, len(rows))
	for _, c := range rows {
		d := PublicDecision{ID: c.ID, TargetKind: c.TargetKind, AnnouncementID: c.AnnouncementID, SubjectCode: c.SubjectCode,
			SubjectTitle: c.SubjectTitle, RespondentName: names[c.RespondentOrg], Decision: c.Status,
			SelectionVoided: c.SelectionVoided, FiledAt: c.FiledAt, DecidedAt: *c.DecidedAt}
		if c.Summary != nil {
			d.Summary = *c.Summary
		}
		out = append(out, d)
	}
	return out, nil
}

// complaintHistory is the complaint's audit chain, step by step.
func complaintHistory(ctx context.Context, s *Service, id int64) ([]ComplaintStep, error) {
	events, err := audit.History(ctx, s.DB, complaintChain(id))
	if err != nil {
		return nil, err
	}
	out := make([]ComplaintStep, 0, len(events))
	for _, e := range events {
		out = append(out, ComplaintStep{Seq: e.Seq, At: e.At, Action: e.Action})
	}
	return out, nil
}
