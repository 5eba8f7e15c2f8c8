package config_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/config"
)

func TestDocumentStoreSettingsThatWouldLoseOrMisplaceDataStopTheStart(t *testing.T) {
	s3 := map[string]string{
		"ONESALES_BLOB": "s3", "ONESALES_S3_ENDPOINT": "http://127.0.0.1:8333", "ONESALES_S3_BUCKET": "docs",
		"ONESALES_S3_PREFIX": "1sales", "ONESALES_S3_PATH_STYLE": "true",
	}
	tests := []struct {
		name string
		set  map[string]string
		want string // "" for none
	}{
		{"s3 with endpoint, bucket and prefix", nil, ""},
		{"the file system store", map[string]string{"ONESALES_BLOB": "fs", "ONESALES_S3_PREFIX": ""}, ""},
		{"an endpoint with a path", map[string]string{"ONESALES_S3_ENDPOINT": "http://127.0.0.1:8333/docs"}, "has a path"},
		{"an unknown scheme", map[string]string{"ONESALES_S3_ENDPOINT": "s3://127.0.0.1:8333"}, `unknown scheme "s3"`},
		{"no prefix", map[string]string{"ONESALES_S3_PREFIX": ""}, "ONESALES_BLOB=s3 needs ONESALES_S3_PREFIX"},
		{"a prefix that is only a slash", map[string]string{"ONESALES_S3_PREFIX": "/"}, "ONESALES_BLOB=s3 needs ONESALES_S3_PREFIX"},
		{"no bucket", map[string]string{"ONESALES_S3_BUCKET": ""}, "needs ONESALES_S3_ENDPOINT and ONESALES_S3_BUCKET"},
		{"an unknown store", map[string]string{"ONESALES_BLOB": "ftp"}, "ONESALES_BLOB: want fs or s3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ONESALES_MIGRATION_DATABASE_URL", "postgres://owner@127.0.0.1/onesales")
			for k, v := range s3 {
				t.Setenv(k, v)
			}
			for k, v := range tt.set {
				t.Setenv(k, v)
			}
			_, err := config.Load(false)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("err = %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestSMTPSettings(t *testing.T) {
	tests := []struct {
		name     string
		set      map[string]string
		want     string // error text, "" for none
		port     int
		security string
	}{
		{"no server: mail waits", map[string]string{}, "", 587, config.SMTPStartTLS},
		{"starttls by default", map[string]string{"ONESALES_SMTP_HOST": "smtp.example.de", "ONESALES_SMTP_FROM": "crm@example.de"}, "", 587, config.SMTPStartTLS},
		{"tls on 465", map[string]string{"ONESALES_SMTP_HOST": "smtp.example.de", "ONESALES_SMTP_FROM": "crm@example.de", "ONESALES_SMTP_SECURITY": "tls"}, "", 465, config.SMTPTLS},
		{"none on a port of its own", map[string]string{"ONESALES_SMTP_HOST": "127.0.0.1", "ONESALES_SMTP_FROM": "crm@example.de", "ONESALES_SMTP_SECURITY": "none", "ONESALES_SMTP_PORT": "2525"}, "", 2525, config.SMTPNone},
		{"an unknown security", map[string]string{"ONESALES_SMTP_SECURITY": "ssl"}, "ONESALES_SMTP_SECURITY", 0, ""},
		{"a bad port", map[string]string{"ONESALES_SMTP_PORT": "70000"}, "ONESALES_SMTP_PORT", 0, ""},
		{"a host without sender", map[string]string{"ONESALES_SMTP_HOST": "smtp.example.de"}, "ONESALES_SMTP_FROM", 0, ""},
		{"a sender with a name", map[string]string{"ONESALES_SMTP_HOST": "smtp.example.de", "ONESALES_SMTP_FROM": "CRM <crm@example.de>"}, "ONESALES_SMTP_FROM", 0, ""},
		{"a user without password", map[string]string{"ONESALES_SMTP_USER": "crm"}, "ONESALES_SMTP_PASSWORD", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ONESALES_MIGRATION_DATABASE_URL", "postgres://owner@127.0.0.1/onesales")
			for k, v := range tt.set {
				t.Setenv(k, v)
			}
			c, err := config.Load(false)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("err = %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("err = %v, want one naming %s", err, tt.want)
			case tt.want == "" && (c.Mail.Port != tt.port || c.Mail.Security != tt.security || !c.Mail.Worker):
				t.Fatalf("mail %+v, want port %d, %s, a worker", c.Mail, tt.port, tt.security)
			}
		})
	}
}

func TestServeRequiresAValidSecretKey(t *testing.T) {
	key := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	other := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{8}, 32))
	tests := []struct {
		name      string
		key, prev string
		want      string // "" for none
	}{
		{"none", "", "", "ONESALES_SECRET_KEY is required"},
		{"not base64", "kein-schlüssel", "", "ONESALES_SECRET_KEY: want base64"},
		{"16 bytes", base64.StdEncoding.EncodeToString(make([]byte, 16)), "", "got 16 bytes"},
		{"a valid key", key, "", ""},
		{"with previous keys", key, other + "," + key, ""},
		{"a bad previous key", key, other + ",abc", "ONESALES_SECRET_KEY_PREVIOUS: key 2"},
		{"previous without current", "", other, "needs ONESALES_SECRET_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ONESALES_DATABASE_URL", "postgres://app@127.0.0.1/onesales")
			t.Setenv("ONESALES_TOKEN_SECRET", strings.Repeat("s", 32))
			t.Setenv("ONESALES_SECRET_KEY", tt.key)
			t.Setenv("ONESALES_SECRET_KEY_PREVIOUS", tt.prev)
			c, err := config.Load(true)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("err = %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("err = %v, want one saying %q", err, tt.want)
			case tt.want == "":
				if box, err := c.SecretBox(); err != nil || box == nil {
					t.Fatalf("SecretBox = %v, %v", box, err)
				}
			}
		})
	}
}
