package procurement

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

// MaxExportAnnouncements bounds an export of the announcement list: a longer
// list must be narrowed by its filters (422).
const MaxExportAnnouncements = 20000

// announcementExportLimit is MaxExportAnnouncements; tests lower it.
var announcementExportLimit = MaxExportAnnouncements

// announcementWords are the export's headings and words, in both languages.
var announcementWords = map[string]map[string]string{
	identity.LangZH: {
		"sheet":      "采购公告",
		"columns":    "公告编号|标题|项目业主|服务事项编码|服务事项|轮次|选取方式|上限价（元）|状态|报名截止|报名数|发布时间|创建时间",
		MethodDirect: "直接选取", MethodRandom: "随机抽取", MethodLowest: "竞价选取", MethodComprehensive: "综合评审",
		StatusDraft: "草稿", StatusOpen: "报名中", StatusClosed: "报名截止", StatusFailed: "流标",
		StatusInPublicity: "公示中", StatusAwarded: "已成交", StatusCancelled: "已撤销",
	},
	identity.LangEN: {
		"sheet":      "Announcements",
		"columns":    "Announcement code|Title|Owner|Item code|Service item|Round|Method|Ceiling (yuan)|Status|Registration deadline|Registrants|Published at|Created at",
		MethodDirect: "Direct selection", MethodRandom: "Random draw", MethodLowest: "Lowest quote", MethodComprehensive: "Comprehensive review",
		StatusDraft: "Draft", StatusOpen: "Open", StatusClosed: "Closed", StatusFailed: "Failed",
		StatusInPublicity: "In publicity", StatusAwarded: "Awarded", StatusCancelled: "Cancelled",
	},
}

// AnnouncementsTable is the announcement list p sees under f (an owner's
// own, every owner's for regulators), whole, headed in p's language; more
// than MaxExportAnnouncements rows is a 422.
func (s *Service) AnnouncementsTable(ctx context.Context, p *authz.Principal, f AnnouncementFilter) (export.Table, error) {
	rows, err := s.announcements(ctx, p, f, announcementExportLimit+1)
	if err != nil {
		return export.Table{}, err
	}
	if len(rows) > announcementExportLimit {
		return export.Table{}, export.TooManyRows("query.status", len(rows), announcementExportLimit)
	}
	en := p.Language == identity.LangEN
	w := announcementWords[identity.LangZH]
	if en {
		w = announcementWords[identity.LangEN]
	}
	t := export.Table{Sheet: w["sheet"], Columns: strings.Split(w["columns"], "|")}
	for _, r := range rows {
		item := r.ItemNameZH
		if en && r.ItemNameEN != "" {
			item = r.ItemNameEN
		}
		t.Rows = append(t.Rows, []any{r.Code, r.Title, r.OwnerName, r.ItemCode, item, r.Round, w[r.Method],
			export.Fen(r.CeilingFen), w[r.Status], r.RegistrationDeadline, r.RegistrantCount, r.PublishedAt, r.CreatedAt})
	}
	return t, nil
}

// registerExportAPI adds the Excel and CSV downloads of the announcement
// list, under the list's filters.
func registerExportAPI(api *web.API, s *Service) {
	add := func(id, summary, ext string) {
		o := huma.Operation{OperationID: id, Method: http.MethodGet, Path: "/api/v1/announcements/export." + ext,
			DefaultStatus: http.StatusOK, Summary: summary, Tags: []string{"announcements"}}
		web.Register(api, export.Operation(o, ext), nil, func(ctx context.Context, in *AnnouncementFilter) (*export.Download, error) {
			t, err := s.AnnouncementsTable(ctx, web.Principal(ctx), *in)
			if err != nil {
				return nil, err
			}
			now, err := s.Clock.Now(ctx, s.DB)
			if err != nil {
				return nil, err
			}
			return export.Answer(t, "announcements", ext, now)
		})
	}
	add("procurement.exportAnnouncementsXlsx", "The announcement list, under the same filters, as an Excel workbook", "xlsx")
	add("procurement.exportAnnouncementsCsv", "The announcement list, under the same filters, as CSV (UTF-8)", "csv")
}
