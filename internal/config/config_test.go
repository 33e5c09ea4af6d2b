package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	t.Parallel()
	t.Run("Defaults", func(t *testing.T) {
		c, err := Load(func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:8080" || c.MaxBodyBytes != 1<<20 || c.S3TLS || c.DBMaxConns != 8 {
			t.Fatalf("defaults = %+v", c)
		}
	})
	t.Run("TrustedProxies", func(t *testing.T) {
		c, err := Load(func(k string) string {
			if k == "INTERMART_TRUSTED_PROXIES" {
				return " 10.1.2.3/8, 192.168.0.7 ,::1"
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(c.TrustedProxies, " "), "10.0.0.0/8 192.168.0.7/32 ::1/128"; got != want {
			t.Fatalf("trusted proxies = %q, want %q", got, want)
		}
	})
	bad := map[string]string{
		"INTERMART_ADDR":                  "8080",
		"INTERMART_DATABASE_URL":          "mysql://x",
		"INTERMART_S3_ENDPOINT":           "http://minio:9000",
		"INTERMART_S3_SECRET_KEY":         "short",
		"INTERMART_S3_BUCKET":             "Bad_Bucket",
		"INTERMART_S3_TLS":                "maybe",
		"INTERMART_S3_PUBLIC_URL":         "files.example.gov.cn/downloads",
		"INTERMART_LOG_LEVEL":             "verbose",
		"INTERMART_SECURE_COOKIES":        "yes please",
		"INTERMART_SESSION_LIFETIME":      "forever",
		"INTERMART_MAX_BODY_BYTES":        "12",
		"INTERMART_MAX_UPLOAD_BYTES":      "a lot",
		"INTERMART_CONNECT_TIMEOUT":       "-1s",
		"INTERMART_METRICS_ADDR":          "9090",
		"INTERMART_REQUEST_TIMEOUT":       "1ns",
		"INTERMART_DB_STATEMENT_TIMEOUT":  "soon",
		"INTERMART_TRUSTED_PROXIES":       "10.0.0.0/8, proxy.example",
		"INTERMART_UPLOADS_PER_USER":      "0",
		"INTERMART_UPLOADS_PER_SERVER":    "many",
		"INTERMART_PENDING_UPLOAD_FILES":  "-3",
		"INTERMART_PENDING_UPLOAD_BYTES":  "100",
		"INTERMART_READ_HEADER_TIMEOUT":   "10",
		"INTERMART_MIN_BODY_RATE":         "0",
		"INTERMART_BODY_RATE_WINDOW":      "0s",
		"INTERMART_ORPHAN_GRACE":          "a day",
		"INTERMART_DB_MAX_CONNS":          "0",
		"INTERMART_ADJUSTABLE_CLOCK":      "sometimes",
		"INTERMART_SITE_SPONSOR":          strings.Repeat("大", 101),
		"INTERMART_SITE_CONTACT":          "0872-1234567\x00",
		"INTERMART_SITE_ICP":              "滇ICP备\n12345678号",
		"INTERMART_SITE_PSB":              "\xff",
		"INTERMART_SEAL_KEY":              "c2hvcnQ=",
		"INTERMART_OCID_PREFIX":           "ocds intermart",
		"INTERMART_MAX_DELIVERABLE_BYTES": "2G",
		"INTERMART_PUBLIC_URL":            "intermart.example.gov.cn",
	}
	for name, value := range bad {
		t.Run("Err"+name, func(t *testing.T) {
			_, err := Load(func(k string) string {
				if k == name {
					return value
				}
				return ""
			})
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != name {
				t.Fatalf("Load with %s=%q: err = %v, want one naming %s", name, value, err, name)
			}
		})
	}
	if len(bad) != len(Vars)-1 { // INTERMART_S3_ACCESS_KEY accepts any value
		t.Fatalf("%d invalid cases for %d variables: add a case for the new variable", len(bad), len(Vars))
	}
}

// TestDefaultSecrets checks that the well-known secrets of the defaults are
// accepted on loopback only.
func TestDefaultSecrets(t *testing.T) {
	t.Parallel()
	const ownDB = "postgres://intermart:Str0ng-and-own@db.internal:5432/intermart"
	cases := []struct {
		name    string
		env     map[string]string
		wantVar string // "" when Load must succeed
	}{
		{"OKAllLoopback", map[string]string{"INTERMART_ADDR": "localhost:8080", "INTERMART_S3_ENDPOINT": "[::1]:9000"}, ""},
		{"ErrListenOnAllInterfaces", map[string]string{"INTERMART_ADDR": "0.0.0.0:8080"}, "INTERMART_DATABASE_URL"},
		{"ErrListenWithoutHost", map[string]string{"INTERMART_ADDR": ":8080"}, "INTERMART_DATABASE_URL"},
		{"ErrRemoteDatabase", map[string]string{"INTERMART_DATABASE_URL": "postgres://intermart:intermart@db.internal:5432/intermart"}, "INTERMART_DATABASE_URL"},
		{"ErrPasswordInQuery", map[string]string{"INTERMART_DATABASE_URL": "postgres://db.internal/intermart?user=intermart&password=intermart"}, "INTERMART_DATABASE_URL"},
		{"ErrDefaultS3Secret", map[string]string{"INTERMART_DATABASE_URL": ownDB}, "INTERMART_S3_SECRET_KEY"},
		{"ErrRemoteS3", map[string]string{"INTERMART_S3_ENDPOINT": "minio.internal:9000"}, "INTERMART_DATABASE_URL"},
		{"ErrPublicMetrics", map[string]string{"INTERMART_METRICS_ADDR": "0.0.0.0:9090"}, "INTERMART_DATABASE_URL"},
		{"OKOwnSecrets", map[string]string{"INTERMART_ADDR": "0.0.0.0:8080", "INTERMART_DATABASE_URL": ownDB,
			"INTERMART_S3_SECRET_KEY": "another-long-secret"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(func(k string) string { return tc.env[k] })
			if tc.wantVar == "" {
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tc.wantVar {
				t.Fatalf("Load: err = %v, want one naming %s", err, tc.wantVar)
			}
		})
	}
}

// TestSealKey checks the seal key is read, refused when malformed without
// repeating it, and never printed.
func TestSealKey(t *testing.T) {
	t.Parallel()
	const key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=" // 32 bytes
	load := func(v string) (Config, error) {
		return Load(func(k string) string {
			if k == "INTERMART_SEAL_KEY" {
				return v
			}
			return ""
		})
	}
	t.Run("OK", func(t *testing.T) {
		c, err := load(key)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.SealKey) != 32 || c.SealKey[0] != 0xab {
			t.Fatalf("SealKey = % x", []byte(c.SealKey))
		}
		var logged strings.Builder
		slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "key", c.SealKey, "cfg", c)
		for _, out := range []string{fmt.Sprintf("%v %+v %#v %s", c, c, c, c.SealKey), logged.String()} {
			if strings.Contains(out, "171") || strings.Contains(out, "q83v") || strings.Contains(out, "ab cd") {
				t.Fatalf("the key shows in %q", out)
			}
		}
	})
	t.Run("Unset", func(t *testing.T) {
		c, err := load("")
		if err != nil || c.SealKey != nil {
			t.Fatalf("SealKey = %v, err = %v; want nil, nil", c.SealKey, err)
		}
	})
	for name, bad := range map[string]string{
		"ErrNotBase64": "not base64 at all!!",
		"ErrShort":     "q83vEjRWeJCrze8SNFZ4kA==",
		"ErrLong":      key + "q83v",
		"ErrHex":       "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := load(bad)
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != "INTERMART_SEAL_KEY" {
				t.Fatalf("err = %v, want one naming INTERMART_SEAL_KEY", err)
			}
			if strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "openssl rand -base64 32") {
				t.Fatalf("err = %q: must not repeat the value and must say how to generate one", err)
			}
		})
	}
}
