package app

import (
	"testing"

	"intermart/internal/config"
)

// TestSiteInfo checks that the footer's configuration reaches anonymous
// visitors as configured, and that unset filing numbers stay empty.
func TestSiteInfo(t *testing.T) {
	t.Parallel()
	s := startServer(t, map[string]string{
		"INTERMART_SITE_SPONSOR": "大理白族自治州人民政府政务服务管理局",
		"INTERMART_SITE_ICP":     "滇ICP备00000000号-1",
	})
	res := s.anonymous().do("GET", "/api/v1/site", nil)
	if res.status != 200 {
		t.Fatalf("GET /api/v1/site: %d %s", res.status, res.body)
	}
	var got config.Site
	res.json(t, &got)
	want := config.Site{Sponsor: "大理白族自治州人民政府政务服务管理局", ICP: "滇ICP备00000000号-1"}
	if got != want {
		t.Errorf("site info = %+v, want %+v", got, want)
	}
}
