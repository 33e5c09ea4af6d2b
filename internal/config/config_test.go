package config

import (
	"errors"
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
	bad := map[string]string{
		"INTERMART_ADDR":             "8080",
		"INTERMART_DATABASE_URL":     "mysql://x",
		"INTERMART_S3_ENDPOINT":      "http://minio:9000",
		"INTERMART_S3_SECRET_KEY":    "short",
		"INTERMART_S3_BUCKET":        "Bad_Bucket",
		"INTERMART_S3_TLS":           "maybe",
		"INTERMART_S3_PUBLIC_URL":    "files.example.gov.cn/downloads",
		"INTERMART_LOG_LEVEL":        "verbose",
		"INTERMART_SECURE_COOKIES":   "yes please",
		"INTERMART_SESSION_LIFETIME": "forever",
		"INTERMART_MAX_BODY_BYTES":   "12",
		"INTERMART_MAX_UPLOAD_BYTES": "a lot",
		"INTERMART_CONNECT_TIMEOUT":  "-1s",
		"INTERMART_DB_MAX_CONNS":     "0",
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
