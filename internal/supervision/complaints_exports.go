package supervision

import (
	"context"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/authz"
	"intermart/internal/export"
	"intermart/internal/identity"
	"intermart/internal/web"
)

// MaxComplaintExportRows bounds an export of the complaints list: a longer
// list must be narrowed by its filter (422).
const MaxComplaintExportRows = 20000

// complaintExportLimit is MaxComplaintExportRows; tests lower it.
var complaintExportLimit = MaxComplaintExportRows

// complaintWords are the export's headings and words, in both languages.
var complaintWords = map[string]map[string]string{
	identity.LangZH: {
		"sheet":        "投诉",
		"columns":      "编号|对象|对象编号|对象名称|投诉人|被投诉人|投诉事由|状态|投诉时间|处理期限|超期|已暂停程序|受理时间|决定时间|决定摘要|已撤销选取结果",
		"announcement": "采购公告", "selection": "选取结果", "contract": "合同",
		ComplaintFiled: "待受理", ComplaintAccepted: "已受理", ComplaintRejected: "不予受理",
		ComplaintUpheld: "投诉成立", ComplaintDismissed: "驳回", "yes": "是", "no": "否",
	},
	identity.LangEN: {
		"sheet":        "Complaints",
		"columns":      "No.|Subject|Subject code|Subject title|Complainant|Respondent|Grounds|Status|Filed at|Decide by|Overdue|Procedure suspended|Reviewed at|Decided at|Summary|Selection voided",
		"announcement": "Announcement", "selection": "Selection", "contract": "Contract",
		ComplaintFiled: "Filed", ComplaintAccepted: "Accepted", ComplaintRejected: "Rejected",
		ComplaintUpheld: "Upheld", ComplaintDismissed: "Dismissed", "yes": "Yes", "no": "No",
	},
}

// ComplaintsTable is the complaints list p sees under f (every complaint for
// regulators, its organisation's for anyone else), whole, headed in p's
// language; more than MaxComplaintExportRows rows is a 422.
func (s *Service) ComplaintsTable(ctx context.Context, p *authz.Principal, f ComplaintFilter) (export.Table, error) {
	list, err := s.complaints(ctx, p, f, complaintExportLimit+1)
	if err != nil {
		return export.Table{}, err
	}
	if len(list) > complaintExportLimit {
		return export.Table{}, export.TooManyRows("query.status", len(list), complaintExportLimit)
	}
	w := complaintWords[identity.LangZH]
	if p.Language == identity.LangEN {
		w = complaintWords[identity.LangEN]
	}
	yes := func(b bool) string {
		if b {
			return w["yes"]
		}
		return w["no"]
	}
	t := export.Table{Sheet: w["sheet"], Columns: strings.Split(w["columns"], "|")}
	for _, c := range list {
		t.Rows = append(t.Rows, []any{c.ID, w[c.TargetKind], c.SubjectCode, c.SubjectTitle, c.ComplainantName, c.RespondentName,
			c.Grounds, w[c.Status], c.FiledAt, c.DecideBy, yes(c.Overdue), yes(c.Suspended), c.ReviewedAt, c.DecidedAt,
			c.Summary, yes(c.SelectionVoided)})
	}
	return t, nil
}

// registerComplaintExportAPI adds the Excel and CSV downloads of the
// complaints list, under the list's filter.
func registerComplaintExportAPI(api *web.API, s *Service) {
	add := func(id, summary, ext string) {
		o := huma.Operation{OperationID: id, Method: http.MethodGet, Path: "/api/v1/complaints/export." + ext,
			DefaultStatus: http.StatusOK, Summary: summary, Tags: []string{"complaints"}}
		web.Register(api, export.Operation(o, ext), nil, func(ctx context.Context, in *ComplaintFilter) (*export.Download, error) {
			t, err := s.ComplaintsTable(ctx, web.Principal(ctx), *in)
			if err != nil {
				return nil, err
			}
			now, err := s.Clock.Now(ctx, s.DB)
			if err != nil {
				return nil, err
			}
			return export.Answer(t, "complaints", ext, now)
		})
	}
	add("supervision.exportComplaintsXlsx", "The complaints list, under the same filter, as an Excel workbook", "xlsx")
	add("supervision.exportComplaintsCsv", "The complaints list, under the same filter, as CSV (UTF-8)", "csv")
}
