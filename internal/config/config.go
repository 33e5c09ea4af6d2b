// Package config reads the server's settings from environment variables.
//
// Every variable the server reads is declared once in Vars, with its default
// and meaning; `intermart serve --help`, the README table and the compose.yaml
// check are all derived from that list, so they cannot drift apart.
package config

import (
	"encoding/base64"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	{"INTERMART_MAX_DELIVERABLE_BYTES", "2147483648", "largest accepted deliverable (a contract milestone's report, drawing or data archive), in bytes; checked while it streams"},
	{"INTERMART_PUBLIC_URL", "http://127.0.0.1:8080", "the site's public address (scheme://host[:port]), printed in acceptance certificates' QR codes"},
	{"INTERMART_UPLOADS_PER_USER", "2", "uploads one user may have in progress at once on one server; more are answered 429"},
	{"INTERMART_UPLOADS_PER_SERVER", "32", "uploads one server accepts at once; more are answered 503"},
	{"INTERMART_PENDING_UPLOAD_FILES", "30", "files an agency not yet approved may store; more are refused (upload_quota_pending)"},
	{"INTERMART_PENDING_UPLOAD_BYTES", "104857600", "bytes an agency not yet approved may store in all; more are refused (upload_quota_pending)"},
	{"INTERMART_READ_HEADER_TIMEOUT", "10s", "how long a client may take to send a request's headers (Go duration)"},
	{"INTERMART_MIN_BODY_RATE", "4096", "slowest accepted request body, in bytes per second, averaged over INTERMART_BODY_RATE_WINDOW; a slower one is cut off"},
	{"INTERMART_BODY_RATE_WINDOW", "10s", "the window over which INTERMART_MIN_BODY_RATE is measured, and the longest a body may pause (Go duration)"},
	{"INTERMART_ORPHAN_GRACE", "24h", "age after which a stored object that no file record refers to is removed by the files.reconcile job (Go duration)"},
	{"INTERMART_CONNECT_TIMEOUT", "60s", "how long start-up keeps retrying PostgreSQL and MinIO (Go duration)"},
	{"INTERMART_TRUSTED_PROXIES", "", "comma-separated addresses or CIDRs of the reverse proxies whose X-Forwarded-For / X-Real-IP is believed (empty: the TCP peer is the client)"},
	{"INTERMART_METRICS_ADDR", "", "address of the operators' listener serving /metrics and /debug/pprof/ (host:port, keep it private; empty: off)"},
	{"INTERMART_REQUEST_TIMEOUT", "30s", "deadline of one API request (uploads excepted); past it the answer is 503 (Go duration)"},
	{"INTERMART_DB_STATEMENT_TIMEOUT", "10s", "PostgreSQL statement_timeout of the server's connections (Go duration; 0 turns it off)"},
	{"INTERMART_DB_MAX_CONNS", "8", "most PostgreSQL connections one server holds; requests beyond wait for a free one (see docs/benchmarks.md)"},
	{"INTERMART_ADJUSTABLE_CLOCK", "false", "training clock: the platform admin may move the marketplace clock forward and every page shows the offset (true only on training and test systems; make run sets it)"},
	{"INTERMART_SITE_SPONSOR", "", "sponsoring unit (主办单位) named in the page footer (empty: the prefecture's government service bureau, translated)"},
	{"INTERMART_SITE_CONTACT", "", "contact line in the page footer, e.g. a telephone number (empty: the 12345 government service hotline, translated)"},
	{"INTERMART_SITE_ICP", "", "ICP filing number (ICP备案号) shown in the footer, linked to beian.miit.gov.cn (empty: not shown)"},
	{"INTERMART_SITE_PSB", "", "public security filing number (公安备案号) shown in the footer, linked to beian.mps.gov.cn (empty: not shown)"},
	{"INTERMART_SEAL_KEY", "", "master key sealing the quotes: base64 of 32 random bytes, e.g. from `openssl rand -base64 32`; required by serve, keep it outside the database and back it up (see docs/operations.md)"},
	{"INTERMART_OCID_PREFIX", "ocds-intermart-", "prefix of every announcement's Open Contracting ID (ocid), followed by its code; an OCDS publisher uses its registered prefix, e.g. ocds-abc123-"},
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
	// MaxDeliverableBytes is the deliverables' own upload limit.
	MaxDeliverableBytes int64
	// PublicURL is the site's public address, without a trailing slash.
	PublicURL      string
	ConnectTimeout time.Duration
	// TrustedProxies are CIDR prefixes; a request from one of them may name
	// the client in X-Forwarded-For or X-Real-IP.
	TrustedProxies []string
	MetricsAddr    string
	RequestTimeout time.Duration
	// StatementTimeout is PostgreSQL's statement_timeout; 0 means none.
	StatementTimeout time.Duration

	UploadsPerUser     int
	UploadsPerServer   int
	PendingUploadFiles int
	PendingUploadBytes int64
	ReadHeaderTimeout  time.Duration
	MinBodyRate        int64
	BodyRateWindow     time.Duration
	OrphanGrace        time.Duration
	DBMaxConns         int
	// AdjustableClock turns on the training clock (INTERMART_ADJUSTABLE_CLOCK).
	AdjustableClock bool

	// Site is what the page footer says about who runs the site.
	Site Site

	// SealKey is the master key of sealed quotes (32 bytes), or nil when
	// INTERMART_SEAL_KEY is unset; serve refuses to start without it.
	SealKey Secret

	// OCIDPrefix starts every announcement's ocid.
	OCIDPrefix string
}

// Secret is key material that never prints: fmt and slog show it redacted.
type Secret []byte

// String hides the secret.
func (s Secret) String() string {
	if len(s) == 0 {
		return "(unset)"
	}
	return "[redacted]"
}

// GoString hides the secret from %#v.
func (s Secret) GoString() string { return s.String() }

// LogValue hides the secret from slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// ErrNoSealKey explains how to provide the seal key the server needs.
var ErrNoSealKey = &Error{"INTERMART_SEAL_KEY", "is not set: the server needs the master key that seals quotes. " +
	"Generate one with `openssl rand -base64 32`, keep it outside the database, back it up " +
	"(sealed quotes cannot be read without it) and set INTERMART_SEAL_KEY to it; see docs/operations.md"}

// Site is the footer's sponsoring unit, contact and filing numbers; empty
// fields are left to the frontend's translated defaults or not shown.
type Site struct {
	Sponsor string `json:"sponsor"`
	Contact string `json:"contact"`
	ICP     string `json:"icp"`
	PSB     string `json:"psb"`
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
	if c.MaxDeliverableBytes, err = strconv.ParseInt(values["INTERMART_MAX_DELIVERABLE_BYTES"], 10, 64); err != nil || c.MaxDeliverableBytes < 1024 {
		return c, &Error{"INTERMART_MAX_DELIVERABLE_BYTES", "must be an integer of at least 1024"}
	}
	c.PublicURL = strings.TrimRight(values["INTERMART_PUBLIC_URL"], "/")
	if u, perr := url.Parse(c.PublicURL); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, &Error{"INTERMART_PUBLIC_URL", "must be an http(s):// URL"}
	}
	if c.ConnectTimeout, err = time.ParseDuration(values["INTERMART_CONNECT_TIMEOUT"]); err != nil || c.ConnectTimeout <= 0 {
		return c, &Error{"INTERMART_CONNECT_TIMEOUT", "must be a positive duration"}
	}
	if c.TrustedProxies, err = parsePrefixes(values["INTERMART_TRUSTED_PROXIES"]); err != nil {
		return c, &Error{"INTERMART_TRUSTED_PROXIES", "must be comma-separated IP addresses or CIDR prefixes"}
	}
	c.MetricsAddr = values["INTERMART_METRICS_ADDR"]
	if c.MetricsAddr != "" && !strings.Contains(c.MetricsAddr, ":") {
		return c, &Error{"INTERMART_METRICS_ADDR", "must be host:port, or empty to turn the listener off"}
	}
	if c.RequestTimeout, err = time.ParseDuration(values["INTERMART_REQUEST_TIMEOUT"]); err != nil || c.RequestTimeout < 100*time.Millisecond {
		return c, &Error{"INTERMART_REQUEST_TIMEOUT", "must be a duration of at least 100ms"}
	}
	if c.StatementTimeout, err = time.ParseDuration(values["INTERMART_DB_STATEMENT_TIMEOUT"]); err != nil || c.StatementTimeout < 0 ||
		(c.StatementTimeout > 0 && c.StatementTimeout < time.Millisecond) {
		return c, &Error{"INTERMART_DB_STATEMENT_TIMEOUT", "must be 0 or a duration of at least 1ms"}
	}
	if c.DBMaxConns, err = strconv.Atoi(values["INTERMART_DB_MAX_CONNS"]); err != nil || c.DBMaxConns < 1 || c.DBMaxConns > 10000 {
		return c, &Error{"INTERMART_DB_MAX_CONNS", "must be an integer from 1 to 10000"}
	}
	if c.AdjustableClock, err = strconv.ParseBool(values["INTERMART_ADJUSTABLE_CLOCK"]); err != nil {
		return c, &Error{"INTERMART_ADJUSTABLE_CLOCK", "must be true or false"}
	}
	if err := c.loadLimits(values); err != nil {
		return c, err
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"INTERMART_SITE_SPONSOR", &c.Site.Sponsor}, {"INTERMART_SITE_CONTACT", &c.Site.Contact},
		{"INTERMART_SITE_ICP", &c.Site.ICP}, {"INTERMART_SITE_PSB", &c.Site.PSB},
	} {
		v := values[f.name]
		if utf8.RuneCountInString(v) > 100 || !utf8.ValidString(v) || strings.IndexFunc(v, unicode.IsControl) >= 0 {
			return c, &Error{f.name, "must be at most 100 characters on one line"}
		}
		*f.dst = v
	}
	if k := values["INTERMART_SEAL_KEY"]; k != "" {
		key, err := base64.StdEncoding.DecodeString(k)
		if err != nil || len(key) != 32 {
			// The value itself is never repeated: it may be a real key with a typo.
			return c, &Error{"INTERMART_SEAL_KEY", "must be the base64 encoding of exactly 32 bytes, e.g. from `openssl rand -base64 32`"}
		}
		c.SealKey = key
	}
	c.OCIDPrefix = values["INTERMART_OCID_PREFIX"]
	if !ocidPrefix.MatchString(c.OCIDPrefix) {
		return c, &Error{"INTERMART_OCID_PREFIX", "must be 1 to 60 letters, digits, dots or hyphens, ending with a hyphen, e.g. ocds-abc123-"}
	}
	return c, c.refuseDefaultSecrets()
}

// ocidPrefix is what an ocid may start with: OCDS prefixes are letters,
// digits and hyphens, joined to the identifier by a hyphen.
var ocidPrefix = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9.-]{0,58}-$`)

// The secrets the defaults and `make run` use. They are fine on a laptop,
// where nothing listens beyond loopback, and nowhere else.
const (
	defaultDBPassword = "intermart"
	defaultS3Secret   = "intermart-secret"
)

// refuseDefaultSecrets stops a server that would use a well-known secret
// while any of its addresses (where it listens, where PostgreSQL and MinIO
// are) leaves the machine.
func (c Config) refuseDefaultSecrets() error {
	u, err := url.Parse(c.DatabaseURL)
	if err != nil {
		return &Error{"INTERMART_DATABASE_URL", "must be a postgres:// URL"}
	}
	dbPassword, _ := u.User.Password()
	if p := u.Query().Get("password"); p != "" {
		dbPassword = p
	}
	dbHost := u.Hostname()
	if h := u.Query().Get("host"); h != "" {
		dbHost = h
	}
	addrs := []struct{ name, host string }{
		{"INTERMART_ADDR", hostOf(c.Addr)},
		{"INTERMART_DATABASE_URL", dbHost},
		{"INTERMART_S3_ENDPOINT", hostOf(c.S3Endpoint)},
	}
	if c.MetricsAddr != "" {
		addrs = append(addrs, struct{ name, host string }{"INTERMART_METRICS_ADDR", hostOf(c.MetricsAddr)})
	}
	var exposed string
	for _, a := range addrs {
		if !isLoopback(a.host) {
			exposed = a.name
			break
		}
	}
	if exposed == "" {
		return nil
	}
	if dbPassword == defaultDBPassword {
		return &Error{"INTERMART_DATABASE_URL", fmt.Sprintf("uses the default password %q while %s is not a loopback address: "+
			"give the database user a password of its own", defaultDBPassword, exposed)}
	}
	if c.S3SecretKey == defaultS3Secret {
		return &Error{"INTERMART_S3_SECRET_KEY", fmt.Sprintf("is the default %q while %s is not a loopback address: "+
			"give MinIO a secret of its own", defaultS3Secret, exposed)}
	}
	return nil
}

func hostOf(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return host
}

// isLoopback reports whether host names this machine only: localhost or a
// loopback IP. An empty host (all interfaces) is not.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parsePrefixes reads a comma-separated list of addresses and CIDR
// prefixes; a bare address stands for itself alone (/32 or /128).
func parsePrefixes(list string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()).String())
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked().String())
	}
	return out, nil
}

// loadLimits reads the limits that keep slow or many uploads from holding
// the server's connections, memory and storage.
func (c *Config) loadLimits(values map[string]string) error {
	var err error
	positiveInt := func(name string, dst *int) error {
		if *dst, err = strconv.Atoi(values[name]); err != nil || *dst < 1 {
			return &Error{name, "must be a positive integer"}
		}
		return nil
	}
	positiveDuration := func(name string, dst *time.Duration) error {
		if *dst, err = time.ParseDuration(values[name]); err != nil || *dst <= 0 {
			return &Error{name, "must be a positive duration"}
		}
		return nil
	}
	if err := positiveInt("INTERMART_UPLOADS_PER_USER", &c.UploadsPerUser); err != nil {
		return err
	}
	if err := positiveInt("INTERMART_UPLOADS_PER_SERVER", &c.UploadsPerServer); err != nil {
		return err
	}
	if err := positiveInt("INTERMART_PENDING_UPLOAD_FILES", &c.PendingUploadFiles); err != nil {
		return err
	}
	if c.PendingUploadBytes, err = strconv.ParseInt(values["INTERMART_PENDING_UPLOAD_BYTES"], 10, 64); err != nil || c.PendingUploadBytes < 1024 {
		return &Error{"INTERMART_PENDING_UPLOAD_BYTES", "must be an integer of at least 1024"}
	}
	if err := positiveDuration("INTERMART_READ_HEADER_TIMEOUT", &c.ReadHeaderTimeout); err != nil {
		return err
	}
	if c.MinBodyRate, err = strconv.ParseInt(values["INTERMART_MIN_BODY_RATE"], 10, 64); err != nil || c.MinBodyRate < 1 {
		return &Error{"INTERMART_MIN_BODY_RATE", "must be a positive integer"}
	}
	if err := positiveDuration("INTERMART_BODY_RATE_WINDOW", &c.BodyRateWindow); err != nil {
		return err
	}
	return positiveDuration("INTERMART_ORPHAN_GRACE", &c.OrphanGrace)
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
