// Package config reads the backend's configuration from the environment.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/validate"
)

// Config is the backend's configuration.
type Config struct {
	// DatabaseURL connects as the application role (owns no table; row-level security applies).
	DatabaseURL string
	// MigrationDatabaseURL connects as the schema owner, for migrate and seed.
	MigrationDatabaseURL string
	// AppRole is the role the service connects as; migrate grants it access.
	AppRole string
	Addr    string
	// TokenSecret signs access tokens; every instance behind a load balancer shares it.
	TokenSecret []byte
	// SecretKey (32 bytes) encrypts the secrets stored in the database (TOTP secrets, OIDC client secrets: package
	// secretbox); PreviousSecretKeys still open what older keys sealed (rotation). Every instance shares them.
	SecretKey          []byte
	PreviousSecretKeys [][]byte
	AccessTokenTTL     time.Duration
	SessionTTL         time.Duration
	RequestTimeout     time.Duration
	MaxBodyBytes       int64
	ShutdownTimeout    time.Duration
	// LoginThrottleWindow is the sliding window in which sign-in attempts are counted (1s to 24h).
	LoginThrottleWindow time.Duration
	LogLevel            slog.Level
	// SlowQuery is the duration from which a statement is logged as slow (its shape, never its values).
	SlowQuery time.Duration
	// Blob is where document bytes go: the file system (default) or an S3-compatible store.
	Blob blob.Config
	// UploadMaxBytes caps one document upload (the general MaxBodyBytes does not apply to uploads).
	UploadMaxBytes int64
	// TransferIdleTimeout ends an upload or download during which no byte moved for this long (the general
	// RequestTimeout does not apply to them: a large file on a slow line may take long, but it must keep moving).
	TransferIdleTimeout time.Duration
	Geocoding           Geocoding
	// Events tunes the change feed's streams (GET /api/v1/events).
	Events Events
	// PublicURL is the server's address as clients outside reach it (e.g. https://crm.example.de), for links the
	// server hands out (personal calendar feeds); "" lets the desktop use the address it is connected to.
	PublicURL string
	// Operation (ops.go): HTTPS, trusted reverse proxies, metrics, desktop versions.
	TLS            TLS
	TrustedProxies []netip.Prefix
	Metrics        Metrics
	Desktops       Desktops
	// Mail is the SMTP server the backend sends its mail through and how its queue is worked off.
	Mail Mail
	// OperatorToken is the bearer token of the operator API (POST /api/v1/operator/tenants); "" switches the API
	// off (its routes answer 404).
	OperatorToken string
}

// The connection security of the SMTP server (ONESALES_SMTP_SECURITY).
const (
	// SMTPStartTLS: plain connection upgraded with STARTTLS, which the server must offer (port 587).
	SMTPStartTLS = "starttls"
	// SMTPTLS: TLS from the first byte ("SMTPS", port 465).
	SMTPTLS = "tls"
	// SMTPNone: no encryption (a relay on the same host or in a private network, and tests).
	SMTPNone = "none"
)

// Mail configures the sending of e-mail (package mail). The zero value has no SMTP server: mail is queued and
// stays queued, and no worker runs in the process (tests and tools); Load's defaults run one worker when a host is
// set.
type Mail struct {
	// Host of the SMTP server; "" sends nothing (mails wait in the queue until a server is configured).
	Host string
	// Port of the SMTP server; Load's default follows Security (587 starttls, 465 tls, 25 none).
	Port int
	// Security is SMTPStartTLS, SMTPTLS or SMTPNone.
	Security string
	// Username and Password sign in to the server (none when Username is "").
	Username, Password string
	// From is the sender's address, FromName its display name.
	From, FromName string
	// Timeout bounds one connection to the server (connect and send).
	Timeout time.Duration
	// Worker runs a mail worker in this process (every instance may: they share the queue).
	Worker bool
	// Poll, Backoff and MaxBackoff tune the worker, MaxAttempts ends its retries (0: the defaults of
	// mail.WorkerOptions).
	Poll, Backoff, MaxBackoff time.Duration
	MaxAttempts               int
}

// Events configures the change feed. The zero value takes the defaults of package feed.
type Events struct {
	// Retention is how long events are kept: a stream away longer is told to load everything again.
	Retention time.Duration
	// Heartbeat is how often an idle stream sends a comment line, so that proxies keep it open and clients notice
	// a dead connection.
	Heartbeat time.Duration
}

// Geocoding configures the geocoder (package geo). The zero value geocodes with the offline gazetteer only and
// runs no worker in this process (tests and tools); Load's defaults run one worker.
type Geocoding struct {
	// URL is the Nominatim-compatible service (e.g. https://nominatim.openstreetmap.org, or a self-hosted one);
	// empty: none, the offline gazetteer alone.
	URL string
	// UserAgent identifies the application to the service (its usage policy requires it).
	UserAgent string
	// Timeout bounds one request.
	Timeout time.Duration
	// Interval is the least time between two requests to the service across all backend instances (the public
	// service allows one per second).
	Interval time.Duration
	// Worker runs a geocoding worker in this process (every instance may: they share the queue).
	Worker bool
	// Poll, Backoff and MaxAttempts tune the worker (0: the defaults of geo.WorkerOptions).
	Poll, Backoff time.Duration
	MaxAttempts   int
}

// Defaults of the document settings.
const (
	DefaultUploadMaxBytes      = 200 << 20
	DefaultTransferIdleTimeout = time.Minute
	DefaultBlobDir             = ".data/blobs"
)

// Load reads the environment. need says which settings the subcommand requires.
func Load(needServe bool) (Config, error) {
	c := Config{
		DatabaseURL:          os.Getenv("ONESALES_DATABASE_URL"),
		MigrationDatabaseURL: os.Getenv("ONESALES_MIGRATION_DATABASE_URL"),
		AppRole:              env("ONESALES_APP_DB_ROLE", "onesales_app"),
		Addr:                 env("ONESALES_ADDR", "127.0.0.1:8421"),
		TokenSecret:          []byte(os.Getenv("ONESALES_TOKEN_SECRET")),
	}
	var errs []error
	var err error
	if c.AccessTokenTTL, err = duration("ONESALES_ACCESS_TOKEN_TTL", 15*time.Minute); err != nil {
		errs = append(errs, err)
	}
	if c.SessionTTL, err = duration("ONESALES_SESSION_TTL", 30*24*time.Hour); err != nil {
		errs = append(errs, err)
	}
	if c.RequestTimeout, err = duration("ONESALES_REQUEST_TIMEOUT", 30*time.Second); err != nil {
		errs = append(errs, err)
	}
	if c.ShutdownTimeout, err = duration("ONESALES_SHUTDOWN_TIMEOUT", 20*time.Second); err != nil {
		errs = append(errs, err)
	}
	if c.LoginThrottleWindow, err = duration("ONESALES_LOGIN_THROTTLE_WINDOW", 15*time.Minute); err != nil {
		errs = append(errs, err)
	} else if c.LoginThrottleWindow < time.Second || c.LoginThrottleWindow > 24*time.Hour {
		// The bounds auth_signin_begin accepts.
		errs = append(errs, fmt.Errorf("ONESALES_LOGIN_THROTTLE_WINDOW: want 1s to 24h, got %s", c.LoginThrottleWindow))
	}
	if c.SlowQuery, err = duration("ONESALES_SLOW_QUERY", 200*time.Millisecond); err != nil {
		errs = append(errs, err)
	}
	c.Geocoding = Geocoding{URL: os.Getenv("ONESALES_GEOCODER_URL"),
		UserAgent: env("ONESALES_GEOCODER_USER_AGENT", "1sales-backend/1.0 (CRM; geocoding of customer addresses)"),
		Worker:    env("ONESALES_GEOCODE_WORKER", "1") != "0"}
	if c.Geocoding.Timeout, err = duration("ONESALES_GEOCODER_TIMEOUT", 10*time.Second); err != nil {
		errs = append(errs, err)
	}
	if c.Geocoding.Interval, err = duration("ONESALES_GEOCODER_INTERVAL", time.Second); err != nil {
		errs = append(errs, err)
	}
	if u := c.Geocoding.URL; u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		errs = append(errs, fmt.Errorf("ONESALES_GEOCODER_URL: want an http(s) URL, got %q", u))
	}
	c.PublicURL = strings.TrimRight(os.Getenv("ONESALES_PUBLIC_URL"), "/")
	if u, err := url.Parse(c.PublicURL); c.PublicURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") ||
		u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil) {
		errs = append(errs, fmt.Errorf("ONESALES_PUBLIC_URL: want an http(s) URL without query, got %q", c.PublicURL))
	}
	if c.Mail, err = mailConfig(); err != nil {
		errs = append(errs, err)
	}
	if c.OperatorToken = os.Getenv("ONESALES_OPERATOR_TOKEN"); c.OperatorToken != "" && len(c.OperatorToken) < 32 {
		errs = append(errs, errors.New("ONESALES_OPERATOR_TOKEN must be at least 32 characters (or unset: no operator API)"))
	}
	c.MaxBodyBytes = 1 << 20
	if v := os.Getenv("ONESALES_MAX_BODY_BYTES"); v != "" {
		if c.MaxBodyBytes, err = strconv.ParseInt(v, 10, 64); err != nil || c.MaxBodyBytes < 1024 {
			errs = append(errs, fmt.Errorf("ONESALES_MAX_BODY_BYTES: want a number >= 1024, got %q", v))
		}
	}
	c.UploadMaxBytes = DefaultUploadMaxBytes
	if v := os.Getenv("ONESALES_UPLOAD_MAX_BYTES"); v != "" {
		if c.UploadMaxBytes, err = strconv.ParseInt(v, 10, 64); err != nil || c.UploadMaxBytes < 1 {
			errs = append(errs, fmt.Errorf("ONESALES_UPLOAD_MAX_BYTES: want a positive number, got %q", v))
		}
	}
	if c.TransferIdleTimeout, err = duration("ONESALES_TRANSFER_IDLE_TIMEOUT", DefaultTransferIdleTimeout); err != nil {
		errs = append(errs, err)
	}
	if c.Events.Retention, err = duration("ONESALES_EVENTS_RETENTION", 24*time.Hour); err != nil {
		errs = append(errs, err)
	}
	if c.Events.Heartbeat, err = duration("ONESALES_EVENTS_HEARTBEAT", 15*time.Second); err != nil {
		errs = append(errs, err)
	}
	c.Blob, err = blobConfig()
	if err != nil {
		errs = append(errs, err)
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("ONESALES_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("ONESALES_LOG_LEVEL: %w", err))
	}
	errs = append(errs, loadOps(&c)...)
	if err := secretKeys(&c); err != nil {
		errs = append(errs, err)
	}
	if needServe {
		if c.DatabaseURL == "" {
			errs = append(errs, errors.New("ONESALES_DATABASE_URL is required"))
		}
		if len(c.TokenSecret) < 32 {
			errs = append(errs, errors.New("ONESALES_TOKEN_SECRET must be at least 32 characters"))
		}
		if c.SecretKey == nil && os.Getenv("ONESALES_SECRET_KEY") == "" {
			errs = append(errs, errors.New("ONESALES_SECRET_KEY is required: base64 of 32 random bytes (openssl rand -base64 32); "+
				"it encrypts the secrets stored in the database: keep it, and back it up apart from the database"))
		}
	} else if c.MigrationDatabaseURL == "" {
		errs = append(errs, errors.New("ONESALES_MIGRATION_DATABASE_URL is required"))
	}
	return c, errors.Join(errs...)
}

// secretKeys reads ONESALES_SECRET_KEY and ONESALES_SECRET_KEY_PREVIOUS (comma-separated), each base64 of 32
// bytes. Without a current key, previous keys are refused (they are for rotation only).
func secretKeys(c *Config) error {
	var errs []error
	if v := os.Getenv("ONESALES_SECRET_KEY"); v != "" {
		k, err := secretbox.ParseKey(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("ONESALES_SECRET_KEY: %w", err))
		}
		c.SecretKey = k
	}
	if v := os.Getenv("ONESALES_SECRET_KEY_PREVIOUS"); v != "" {
		if os.Getenv("ONESALES_SECRET_KEY") == "" {
			errs = append(errs, errors.New("ONESALES_SECRET_KEY_PREVIOUS needs ONESALES_SECRET_KEY (the current key)"))
		}
		for i, part := range strings.Split(v, ",") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			k, err := secretbox.ParseKey(part)
			if err != nil {
				errs = append(errs, fmt.Errorf("ONESALES_SECRET_KEY_PREVIOUS: key %d: %w", i+1, err))
				continue
			}
			c.PreviousSecretKeys = append(c.PreviousSecretKeys, k)
		}
	}
	return errors.Join(errs...)
}

// SecretBox builds the box that seals and opens the stored secrets with the configured keys; without a key it is
// nil (sealing and opening fail with secretbox.ErrNoKey; plaintext still reads).
func (c Config) SecretBox() (*secretbox.Box, error) {
	if c.SecretKey == nil {
		return nil, nil
	}
	return secretbox.New(c.SecretKey, c.PreviousSecretKeys...)
}

// mailConfig reads the ONESALES_SMTP_* settings.
func mailConfig() (Mail, error) {
	m := Mail{Host: os.Getenv("ONESALES_SMTP_HOST"), Security: env("ONESALES_SMTP_SECURITY", SMTPStartTLS),
		Username: os.Getenv("ONESALES_SMTP_USER"), Password: os.Getenv("ONESALES_SMTP_PASSWORD"),
		From: os.Getenv("ONESALES_SMTP_FROM"), FromName: env("ONESALES_SMTP_FROM_NAME", "1sales"),
		Worker: env("ONESALES_MAIL_WORKER", "1") != "0"}
	var errs []error
	var err error
	if m.Timeout, err = duration("ONESALES_SMTP_TIMEOUT", 30*time.Second); err != nil {
		errs = append(errs, err)
	}
	if m.Backoff, err = duration("ONESALES_MAIL_BACKOFF", 30*time.Second); err != nil {
		errs = append(errs, err)
	}
	if m.MaxBackoff, err = duration("ONESALES_MAIL_MAX_BACKOFF", time.Hour); err != nil {
		errs = append(errs, err)
	}
	ports := map[string]int{SMTPStartTLS: 587, SMTPTLS: 465, SMTPNone: 25}
	def, ok := ports[m.Security]
	if !ok {
		errs = append(errs, fmt.Errorf("ONESALES_SMTP_SECURITY: want starttls, tls or none, got %q", m.Security))
	}
	m.Port = def
	if v := os.Getenv("ONESALES_SMTP_PORT"); v != "" {
		if m.Port, err = strconv.Atoi(v); err != nil || m.Port < 1 || m.Port > 65535 {
			errs = append(errs, fmt.Errorf("ONESALES_SMTP_PORT: want a port number, got %q", v))
		}
	}
	if m.Host != "" && (m.From == "" || validate.Email(m.From) != m.From) {
		errs = append(errs, fmt.Errorf("ONESALES_SMTP_FROM: want the sender's e-mail address, got %q", m.From))
	}
	if (m.Username == "") != (m.Password == "") {
		errs = append(errs, errors.New("ONESALES_SMTP_USER and ONESALES_SMTP_PASSWORD: set both or neither"))
	}
	return m, errors.Join(errs...)
}

// blobConfig reads ONESALES_BLOB (fs or s3) and the settings of that store.
func blobConfig() (blob.Config, error) {
	b := blob.Config{Kind: env("ONESALES_BLOB", blob.KindFS), Dir: env("ONESALES_BLOB_DIR", DefaultBlobDir)}
	switch b.Kind {
	case blob.KindFS:
		return b, nil
	case blob.KindS3:
		b.S3 = blob.S3Config{
			Endpoint:  os.Getenv("ONESALES_S3_ENDPOINT"),
			Bucket:    os.Getenv("ONESALES_S3_BUCKET"),
			AccessKey: os.Getenv("ONESALES_S3_ACCESS_KEY"),
			SecretKey: os.Getenv("ONESALES_S3_SECRET_KEY"),
			Region:    os.Getenv("ONESALES_S3_REGION"),
			Prefix:    os.Getenv("ONESALES_S3_PREFIX"),
		}
		var errs []error
		if v := os.Getenv("ONESALES_S3_PATH_STYLE"); v != "" {
			ps, err := strconv.ParseBool(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("ONESALES_S3_PATH_STYLE: want true or false, got %q", v))
			}
			b.S3.PathStyle = ps
		}
		if b.S3.Endpoint == "" || b.S3.Bucket == "" {
			errs = append(errs, errors.New("ONESALES_BLOB=s3 needs ONESALES_S3_ENDPOINT and ONESALES_S3_BUCKET"))
		}
		if strings.Trim(b.S3.Prefix, "/") == "" {
			errs = append(errs, errors.New("ONESALES_BLOB=s3 needs ONESALES_S3_PREFIX (e.g. 1sales): the installation's part of "+
				"the bucket, the only part its cleanup touches"))
		}
		if len(errs) == 0 {
			if _, err := blob.New(b); err != nil {
				errs = append(errs, fmt.Errorf("ONESALES_S3_*: %w", err))
			}
		}
		return b, errors.Join(errs...)
	default:
		return b, fmt.Errorf("ONESALES_BLOB: want fs or s3, got %q", b.Kind)
	}
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func duration(name string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: want a positive duration such as 15m, got %q", name, v)
	}
	return d, nil
}
