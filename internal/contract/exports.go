package contract

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"intermart/internal/authz"
	"intermart/internal/export"
	"intermart/internal/identity"
	"intermart/internal/web"
)

// MaxExportContracts bounds an export of the contract list or of the
// performance view: a longer list must be narrowed by its filters (422).
const MaxExportContracts = 20000

// exportLimit is MaxExportContracts; tests lower it.
var exportLimit = MaxExportContracts

// exportWords are the exports' headings and words, in both languages.
var exportWords = map[string]map[string]string{
	identity.LangZH: {
		"contracts":                "合同",
		"performance":              "履约情况",
		"columns":                  "合同编号|标题|区划代码|项目业主|中介机构|服务事项|状态|上限价（元）|成交价（元）|已支付（元）|服务期限（工作日）|签订日期|开始日期|到期日期|登记时间|最终验收时间|超期",
		"perfColumns":              "合同编号|标题|区划代码|项目业主|中介机构|服务事项|状态|成交价（元）|服务期限（工作日）|已用工作日|到期节点|按时节点|逾期节点|下一节点日期|提交成果|退回次数|到期日期|超期",
		StatusAwaitingRegistration: "待登记", StatusPendingConfirmation: "待确认", StatusActive: "履约中",
		StatusCompleted: "已完成", StatusTerminated: "已终止", "yes": "是", "no": "否",
	},
	identity.LangEN: {
		"contracts":                "Contracts",
		"performance":              "Performance",
		"columns":                  "Contract code|Title|Region code|Owner|Agency|Service item|Status|Ceiling (yuan)|Price (yuan)|Paid (yuan)|Service period (working days)|Signed on|Starts on|Due on|Registered at|Final acceptance at|Late",
		"perfColumns":              "Contract code|Title|Region code|Owner|Agency|Service item|Status|Price (yuan)|Service period (working days)|Working days used|Milestones due|Milestones on time|Milestones late|Next due on|Submissions|Returns|Due on|Late",
		StatusAwaitingRegistration: "Awaiting registration", StatusPendingConfirmation: "Pending confirmation", StatusActive: "Active",
		StatusCompleted: "Completed", StatusTerminated: "Terminated", "yes": "Yes", "no": "No",
	},
}

func wordsFor(p *authz.Principal) (map[string]string, bool) {
	if p != nil && p.Language == identity.LangEN {
		return exportWords[identity.LangEN], true
	}
	return exportWords[identity.LangZH], false
}

// day formats a date (stored as midnight UTC of the Shanghai day) as the
// day itself.
func day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func fenPtr(f *int64) any {
	if f == nil {
		return ""
	}
	return export.Fen(*f)
}

func (c *ContractView) itemName(en bool) string {
	if en && c.ItemNameEN != "" {
		return c.ItemNameEN
	}
	return c.ItemNameZH
}

// ContractsTable is the contract list p sees under f (an owner's or
// agency's own, every contract for regulators), whole, headed in p's
// language; more than MaxExportContracts rows is a 422.
func (s *Service) ContractsTable(ctx context.Context, p *authz.Principal, f ContractFilter) (export.Table, error) {
	list, err := s.list(ctx, p, f, exportLimit+1)
	if err != nil {
		return export.Table{}, err
	}
	if len(list) > exportLimit {
		return export.Table{}, export.TooManyRows("query.status", len(list), exportLimit)
	}
	w, en := wordsFor(p)
	t := export.Table{Sheet: w["contracts"], Columns: strings.Split(w["columns"], "|")}
	for _, c := range list {
		late := w["no"]
		if c.Late || c.RegistrationLate {
			late = w["yes"]
		}
		t.Rows = append(t.Rows, []any{c.Code, c.Title, c.RegionCode, c.OwnerName, c.AgencyName, c.itemName(en), w[c.Status],
			export.Fen(c.CeilingFen), fenPtr(c.PriceFen), export.Fen(c.PaidFen), c.ServiceWorkdays,
			day(c.SignedOn), day(c.StartsOn), day(c.DueOn), c.RegisteredAt, c.AcceptedAt, late})
	}
	return t, nil
}

// PerformanceTable is the regulators' performance view under f, whole, headed
// in p's language; more than MaxExportContracts rows is a 422.
func (s *Service) PerformanceTable(ctx context.Context, p *authz.Principal, f ContractFilter) (export.Table, error) {
	list, err := s.performance(ctx, p, f, exportLimit+1)
	if err != nil {
		return export.Table{}, err
	}
	if len(list) > exportLimit {
		return export.Table{}, export.TooManyRows("query.status", len(list), exportLimit)
	}
	w, en := wordsFor(p)
	t := export.Table{Sheet: w["performance"], Columns: strings.Split(w["perfColumns"], "|")}
	for _, c := range list {
		late := w["no"]
		if c.Late || c.RegistrationLate {
			late = w["yes"]
		}
		used := any("")
		if c.WorkdaysUsed != nil {
			used = *c.WorkdaysUsed
		}
		t.Rows = append(t.Rows, []any{c.Code, c.Title, c.RegionCode, c.OwnerName, c.AgencyName, c.itemName(en), w[c.Status],
			fenPtr(c.PriceFen), c.ServiceWorkdays, used, c.MilestonesDue, c.MilestonesMet, c.MilestonesLate,
			day(c.NextDueOn), c.Submissions, c.Returns, day(c.DueOn), late})
	}
	return t, nil
}

// registerExportAPI adds the Excel and CSV downloads of the contract list
// and of the performance view, under the lists' filters.
func registerExportAPI(api *web.API, s *Service) {
	type table func(context.Context, *authz.Principal, ContractFilter) (export.Table, error)
	add := func(id, path, name, summary, ext string, build table) {
		o := huma.Operation{OperationID: id, Method: http.MethodGet, Path: path, DefaultStatus: http.StatusOK,
			Summary: summary, Tags: []string{"contracts"}}
		web.Register(api, export.Operation(o, ext), nil, func(ctx context.Context, in *contractList) (*export.Download, error) {
			p := web.Principal(ctx)
			t, err := build(ctx, p, in.ContractFilter)
			if err != nil {
				return nil, err
			}
			now, err := s.Clock.Now(ctx, s.DB)
			if err != nil {
				return nil, err
			}
			return export.Answer(t, name, ext, now)
		})
	}
	add("contract.exportXlsx", "/api/v1/contracts/export.xlsx", "contracts",
		"The contract list, under the same filters, as an Excel workbook", "xlsx", s.ContractsTable)
	add("contract.exportCsv", "/api/v1/contracts/export.csv", "contracts",
		"The contract list, under the same filters, as CSV (UTF-8)", "csv", s.ContractsTable)
	add("contract.exportPerformanceXlsx", "/api/v1/performance/export.xlsx", "performance",
		"The performance view, under the same filters, as an Excel workbook", "xlsx", s.PerformanceTable)
	add("contract.exportPerformanceCsv", "/api/v1/performance/export.csv", "performance",
		"The performance view, under the same filters, as CSV (UTF-8)", "csv", s.PerformanceTable)
}
