// Package config reads the server's settings from environment variables.
//
// Every variable the server reads is declared once in Vars, with its default
// and meaning; `intermart serve --help`, the README table and the compose.yaml
// check are all derived from that list, so they cannot drift apart.
package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Var is one configuration variable.
type Var struct {
	Name    string
	Default string
	Usage   string
}

// Vars lists every variable the server reads, in the order they are documented.
var Vars = []Var{
	{"INTERMART_ADDR", "127.0.0.1:8080", "address the HTTP server listens on (host:port; port 0 picks a free one)"},
	{"INTERMART_DATABASE_URL", "postgres://intermart:intermart@127.0.0.1:55432/intermart?sslmode=disable", "PostgreSQL connection URL"},
	{"INTERMART_S3_ENDPOINT", "127.0.0.1:59000", "MinIO (S3) endpoint, host:port"},
	{"INTERMART_S3_ACCESS_KEY", "intermart", "MinIO access key"},
	{"INTERMART_S3_SECRET_KEY", "intermart-secret", "MinIO secret key"},
	{"INTERMART_S3_BUCKET", "intermart", "bucket for documents; created with versioning and object lock if missing"},
	{"INTERMART_S3_TLS", "false", "use HTTPS to reach MinIO (true/false)"},
	{"INTERMART_S3_PUBLIC_URL", "", "where browsers reach MinIO for download links, e.g. https://files.example.gov.cn (empty: the endpoint itself)"},
	{"INTERMART_LOG_LEVEL", "info", "log level: debug, info, warn or error"},
	{"INTERMART_SECURE_COOKIES", "false", "mark the session cookie Secure (set true behind HTTPS)"},
	{"INTERMART_SESSION_LIFETIME", "12h", "how long a session lasts after sign-in (Go duration)"},
	{"INTERMART_MAX_BODY_BYTES", "1048576", "largest accepted JSON request body, in bytes"},
	{"INTERMART_MAX_UPLOAD_BYTES", "20971520", "largest accepted uploaded file (qualification scans, documents), in bytes"},
	{"INTERMART_CONNECT_TIMEOUT", "60s", "how long start-up keeps retrying PostgreSQL and MinIO (Go duration)"},
	{"INTERMART_DB_MAX_CONNS", "8", "most PostgreSQL connections one server holds; requests beyond wait for a free one (see docs/benchmarks.md)"},
}

// Config is the parsed configuration.
type Config struct {
	Addr            string
	DatabaseURL     string
	S3Endpoint      string
	S3AccessKey     string
	S3SecretKey     string
	S3Bucket        string
	S3TLS           bool
	S3PublicURL     string
	LogLevel        string
	SecureCookies   bool
	SessionLifetime time.Duration
	MaxBodyBytes    int64
	MaxUploadBytes  int64
	ConnectTimeout  time.Duration
	DBMaxConns      int
}

// Error names the variable whose value is missing or invalid.
type Error struct {
	Var    string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Var, e.Reason) }

// Load reads the configuration through getenv, applying defaults for unset
// variables. A variable that is set but empty or invalid is an error naming it.
func Load(getenv func(string) string) (Config, error) {
	values := map[string]string{}
	for _, v := range Vars {
		val := getenv(v.Name)
		if val == "" {
			val = v.Default
		}
		values[v.Name] = strings.TrimSpace(val)
	}
	var c Config
	var err error
	c.Addr = values["INTERMART_ADDR"]
	if !strings.Contains(c.Addr, ":") {
		return c, &Error{"INTERMART_ADDR", "must be host:port"}
	}
	c.DatabaseURL = values["INTERMART_DATABASE_URL"]
	if u, perr := url.Parse(c.DatabaseURL); perr != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return c, &Error{"INTERMART_DATABASE_URL", "must be a postgres:// URL"}
	}
	c.S3Endpoint = values["INTERMART_S3_ENDPOINT"]
	if !strings.Contains(c.S3Endpoint, ":") || strings.Contains(c.S3Endpoint, "/") {
		return c, &Error{"INTERMART_S3_ENDPOINT", "must be host:port without a scheme"}
	}
	c.S3AccessKey = values["INTERMART_S3_ACCESS_KEY"]
	c.S3SecretKey = values["INTERMART_S3_SECRET_KEY"]
	if len(c.S3SecretKey) < 8 {
		return c, &Error{"INTERMART_S3_SECRET_KEY", "must be at least 8 characters"}
	}
	c.S3Bucket = values["INTERMART_S3_BUCKET"]
	if len(c.S3Bucket) < 3 || strings.ToLower(c.S3Bucket) != c.S3Bucket {
		return c, &Error{"INTERMART_S3_BUCKET", "must be a lower-case bucket name of 3 or more characters"}
	}
	if c.S3TLS, err = strconv.ParseBool(values["INTERMART_S3_TLS"]); err != nil {
		return c, &Error{"INTERMART_S3_TLS", "must be true or false"}
	}
	c.S3PublicURL = strings.TrimRight(values["INTERMART_S3_PUBLIC_URL"], "/")
	if c.S3PublicURL != "" {
		u, perr := url.Parse(c.S3PublicURL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
			return c, &Error{"INTERMART_S3_PUBLIC_URL", "must be http(s)://host[:port] with no path"}
		}
	}
	c.LogLevel = values["INTERMART_LOG_LEVEL"]
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return c, &Error{"INTERMART_LOG_LEVEL", "must be debug, info, warn or error"}
	}
	if c.SecureCookies, err = strconv.ParseBool(values["INTERMART_SECURE_COOKIES"]); err != nil {
		return c, &Error{"INTERMART_SECURE_COOKIES", "must be true or false"}
	}
	if c.SessionLifetime, err = time.ParseDuration(values["INTERMART_SESSION_LIFETIME"]); err != nil || c.SessionLifetime < time.Minute {
		return c, &Error{"INTERMART_SESSION_LIFETIME", "must be a duration of at least 1m"}
	}
	if c.MaxBodyBytes, err = strconv.ParseInt(values["INTERMART_MAX_BODY_BYTES"], 10, 64); err != nil || c.MaxBodyBytes < 1024 {
		return c, &Error{"INTERMART_MAX_BODY_BYTES", "must be an integer of at least 1024"}
	}
	if c.MaxUploadBytes, err = strconv.ParseInt(values["INTERMART_MAX_UPLOAD_BYTES"], 10, 64); err != nil || c.MaxUploadBytes < 1024 {
		return c, &Error{"INTERMART_MAX_UPLOAD_BYTES", "must be an integer of at least 1024"}
	}
	if c.ConnectTimeout, err = time.ParseDuration(values["INTERMART_CONNECT_TIMEOUT"]); err != nil || c.ConnectTimeout <= 0 {
		return c, &Error{"INTERMART_CONNECT_TIMEOUT", "must be a positive duration"}
	}
	if c.DBMaxConns, err = strconv.Atoi(values["INTERMART_DB_MAX_CONNS"]); err != nil || c.DBMaxConns < 1 || c.DBMaxConns > 10000 {
		return c, &Error{"INTERMART_DB_MAX_CONNS", "must be an integer from 1 to 10000"}
	}
	return c, nil
}

// S3Origin is the origin of presigned document links, e.g. http://127.0.0.1:59000.
func (c Config) S3Origin() string {
	if c.S3PublicURL != "" {
		return c.S3PublicURL
	}
	if c.S3TLS {
		return "https://" + c.S3Endpoint
	}
	return "http://" + c.S3Endpoint
}
