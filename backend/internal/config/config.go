// Package config reads the backend's configuration from the environment.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"
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
	TokenSecret     []byte
	AccessTokenTTL  time.Duration
	SessionTTL      time.Duration
	RequestTimeout  time.Duration
	MaxBodyBytes    int64
	ShutdownTimeout time.Duration
	// LoginThrottleWindow is the sliding window in which failed sign-ins are counted.
	LoginThrottleWindow time.Duration
	LogLevel            slog.Level
}

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
	}
	c.MaxBodyBytes = 1 << 20
	if v := os.Getenv("ONESALES_MAX_BODY_BYTES"); v != "" {
		if c.MaxBodyBytes, err = strconv.ParseInt(v, 10, 64); err != nil || c.MaxBodyBytes < 1024 {
			errs = append(errs, fmt.Errorf("ONESALES_MAX_BODY_BYTES: want a number >= 1024, got %q", v))
		}
	}
	if err := c.LogLevel.UnmarshalText([]byte(env("ONESALES_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, fmt.Errorf("ONESALES_LOG_LEVEL: %w", err))
	}
	if needServe {
		if c.DatabaseURL == "" {
			errs = append(errs, errors.New("ONESALES_DATABASE_URL is required"))
		}
		if len(c.TokenSecret) < 32 {
			errs = append(errs, errors.New("ONESALES_TOKEN_SECRET must be at least 32 characters"))
		}
	} else if c.MigrationDatabaseURL == "" {
		errs = append(errs, errors.New("ONESALES_MIGRATION_DATABASE_URL is required"))
	}
	return c, errors.Join(errs...)
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
