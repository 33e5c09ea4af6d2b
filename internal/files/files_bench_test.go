package files_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"intermart/internal/authz"
	"intermart/internal/db/dbtest"
	"intermart/internal/files"
	"intermart/internal/identity"
	"intermart/internal/objects/objtest"
)

// BenchmarkUpload compares an upload through the files service (content
// check, SHA-256, database record) with a bare MinIO put of the same bytes,
// measured in the same run, and reports the ratio: wall-clock figures on a
// shared machine mean little, the overhead over MinIO does.
func BenchmarkUpload(b *testing.B) {
	ctx := context.Background()
	d := dbtest.New(b)
	store := objtest.New(b)
	svc := files.NewService(d.Bun, store, 20<<20)
	org, err := identity.NewService(d.Bun).SignUpAgency(ctx, identity.AgencySignUp{OrganisationName: "大理基准测试咨询有限公司",
		CreditCode: identity.CompleteCreditCode("91532901MA6K00009"), RegionCode: "532901", ContactName: "测试",
		ContactPhone: "0872-2123456", Username: "bench", DisplayName: "测试", Password: "bench-password"})
	if err != nil {
		b.Fatal(err)
	}
	var uid int64
	if err := d.Bun.NewRaw("SELECT id FROM users WHERE username = 'bench'").Scan(ctx, &uid); err != nil {
		b.Fatal(err)
	}
	p := &authz.Principal{UserID: uid, OrgID: org.ID, Role: authz.AgencyAdmin}
	scan := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0123456789abcdef"), 16<<10)...) // 256 KiB

	var raw, service time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := store.Put(ctx, fmt.Sprintf("bench/raw-%d.pdf", i), bytes.NewReader(scan), int64(len(scan)), "application/pdf"); err != nil {
			b.Fatal(err)
		}
		raw += time.Since(start)
		start = time.Now()
		if _, err := svc.Upload(ctx, p, files.PurposeQualificationScan, "scan.pdf", bytes.NewReader(scan), int64(len(scan))); err != nil {
			b.Fatal(err)
		}
		service += time.Since(start)
	}
	b.ReportMetric(float64(service)/float64(raw), "x_raw_minio")
}
