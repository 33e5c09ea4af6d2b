package opendata

import (
	"context"
	"encoding/base64"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"intermart/internal/contract"
	"intermart/internal/errs"
	"intermart/internal/procurement"
)

// publisher is who the packages say publishes them.
const publisherName = "大理白族自治州中介服务超市 Dali Prefecture intermediary services marketplace"

// ReleasesQuery pages the releases by date.
type ReleasesQuery struct {
	Since  string `query:"since" maxLength:"40" doc:"Releases dated at or after this time (RFC 3339), e.g. 2026-09-01T00:00:00+08:00"`
	Cursor string `query:"cursor" maxLength:"100" doc:"Where the previous page ended: follow links.next"`
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"50"`
}

func encodeMoment(m procurement.OpenMoment) string {
	s := strings.Join([]string{strconv.FormatInt(m.At.UnixMicro(), 10), strconv.FormatInt(m.AnnouncementID, 10),
		strconv.Itoa(m.Stage), strconv.FormatInt(m.ContractID, 10)}, ".")
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeMoment(s string) (procurement.OpenMoment, error) {
	bad := errs.Field("query.cursor", "cursor_invalid", "the cursor is not one this list gave")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return procurement.OpenMoment{}, bad
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 4 {
		return procurement.OpenMoment{}, bad
	}
	var n [4]int64
	for i, p := range parts {
		if n[i], err = strconv.ParseInt(p, 10, 64); err != nil || n[i] < 0 {
			return procurement.OpenMoment{}, bad
		}
	}
	if n[0] > 253402300799000000 || n[2] > 100 {
		return procurement.OpenMoment{}, bad
	}
	return procurement.OpenMoment{At: time.UnixMicro(n[0]).UTC(), AnnouncementID: n[1], Stage: int(n[2]), ContractID: n[3]}, nil
}

// start is the position a query starts after.
func (q ReleasesQuery) start() (procurement.OpenMoment, error) {
	if q.Cursor != "" {
		return decodeMoment(q.Cursor)
	}
	if q.Since != "" {
		// A "+" left unescaped in a query string arrives as a space.
		t, err := time.Parse(time.RFC3339, strings.Replace(q.Since, " ", "+", 1))
		if err != nil {
			return procurement.OpenMoment{}, errs.Field("query.since", "date_time_format",
				"must be a time in RFC 3339, e.g. 2026-09-01T00:00:00+08:00")
		}
		// Just before since: every moment at since or later follows.
		return procurement.OpenMoment{At: t.UTC().Add(-time.Microsecond), AnnouncementID: math.MaxInt64}, nil
	}
	return procurement.OpenMoment{At: time.Unix(0, 0).UTC()}, nil
}

// Releases returns a page of releases in date order: every stage of every
// published announcement and contract that has happened, the sealed parts
// only once registration has closed.
func (s *Service) Releases(ctx context.Context, q ReleasesQuery) (*ReleasePackage, error) {
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = 50
	}
	after, err := q.start()
	if err != nil {
		return nil, err
	}
	tenders, err := procurement.OpenMoments(ctx, s.DB, after, q.Limit+1)
	if err != nil {
		return nil, err
	}
	contracts, err := contract.OpenMoments(ctx, s.DB, after, q.Limit+1)
	if err != nil {
		return nil, err
	}
	moments := merge(tenders, contracts)
	more := len(moments) > q.Limit
	if more {
		moments = moments[:q.Limit]
	}
	pkg := s.releasePackage(s.releasesURL(q))
	cache := map[int64]*process{}
	for _, m := range moments {
		p, ok := cache[m.AnnouncementID]
		if !ok {
			if p, err = s.process(ctx, m.AnnouncementID); err != nil {
				return nil, err
			}
			cache[m.AnnouncementID] = p
		}
		pkg.Releases = append(pkg.Releases, p.release(m))
	}
	if n := len(moments); n > 0 {
		pkg.PublishedDate = moments[n-1].At.UTC()
	} else if pkg.PublishedDate, err = s.Clock.Now(ctx, s.DB); err != nil {
		return nil, err
	}
	pkg.PublishedDate = pkg.PublishedDate.UTC()
	if more {
		pkg.Links = &Links{Next: s.releasesURL(ReleasesQuery{Cursor: encodeMoment(moments[len(moments)-1]), Limit: q.Limit})}
	}
	return pkg, nil
}

// merge merges two lists in release order.
func merge(a, b []procurement.OpenMoment) []procurement.OpenMoment {
	out := make([]procurement.OpenMoment, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j == len(b) || (i < len(a) && less(a[i], b[j])) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}

func (s *Service) releasesURL(q ReleasesQuery) string {
	v := url.Values{}
	if q.Cursor != "" {
		v.Set("cursor", q.Cursor)
	} else if q.Since != "" {
		v.Set("since", q.Since)
	}
	if q.Limit != 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	u := s.base() + "/api/v1/ocds/releases"
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

func (s *Service) base() string {
	if s.PublicURL == "" {
		return "http://localhost"
	}
	return strings.TrimSuffix(s.PublicURL, "/")
}

func (s *Service) releasePackage(uri string) *ReleasePackage {
	return &ReleasePackage{URI: uri, Version: Version, Extensions: []string{BidsExtension},
		Publisher: Publisher{Name: publisherName, URI: s.base() + "/"}, Releases: []Release{}}
}

func (s *Service) process(ctx context.Context, announcementID int64) (*process, error) {
	op, err := s.Procurement.OpenProcess(ctx, announcementID)
	if err != nil {
		return nil, err
	}
	p := &process{OpenProcess: op}
	if p.contracts, err = contract.OpenContracts(ctx, s.DB, announcementID); err != nil {
		return nil, err
	}
	return p, nil
}

// Record returns the record package of one ocid: every release of the
// process in date order and the compiled release, its current state.
func (s *Service) Record(ctx context.Context, ocid string) (*RecordPackage, error) {
	id, err := s.Procurement.OpenProcessByOCID(ctx, ocid)
	if err != nil {
		return nil, err
	}
	p, err := s.process(ctx, id)
	if err != nil {
		return nil, err
	}
	rec := Record{OCID: p.OCID}
	moments := p.moments()
	for _, m := range moments {
		rec.Releases = append(rec.Releases, p.release(m))
	}
	last := moments[len(moments)-1].At
	compiled := p.release(procurement.OpenMoment{At: last, AnnouncementID: p.ID})
	rec.CompiledRelease = &compiled
	return &RecordPackage{URI: s.base() + "/api/v1/ocds/records/" + url.PathEscape(p.OCID), Version: Version,
		Extensions: []string{BidsExtension}, PublishedDate: last.UTC(),
		Publisher: Publisher{Name: publisherName, URI: s.base() + "/"}, Records: []Record{rec}}, nil
}
