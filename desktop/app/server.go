package app

import (
	"context"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/desktop/settings"
	"github.com/1sales/app/shared/api"
)

// version is the desktop's version: release builds stamp it (-ldflags "-X
// github.com/1sales/app/desktop/app.version=1.2.3"); otherwise wails.json's productVersion (a test keeps the two
// equal).
var version = "0.1.0"

// Version is the desktop's version, sent with every request for the server's version gate.
func Version() string { return version }

// ServerInfo is what the desktop knows of a server's version.
type ServerInfo struct {
	Server         api.ServerVersion `json:"server"`
	DesktopVersion string            `json:"desktopVersion"`
	// DesktopTooOld: the server serves only newer desktops (Server.DesktopDownloadURL says where to get one).
	DesktopTooOld bool `json:"desktopTooOld"`
	// ServerOutdated: the server implements an older API than this desktop was built for; features it lacks fail.
	ServerOutdated bool `json:"serverOutdated"`
}

// ServerInfo asks the server at serverURL (signed in or not) for its version and compares it with this desktop's.
func (s *Session) ServerInfo(serverURL string) (ServerInfo, error) {
	server, problem := checkServerURL(serverURL)
	if problem != "" {
		return ServerInfo{}, &client.APIError{Code: api.CodeValidation, Message: "check the server address",
			Fields: map[string]api.FieldCode{"serverUrl": problem}}
	}
	ctx, cancel := context.WithTimeout(s.c.ctx, 15*time.Second)
	defer cancel()
	v, err := s.c.newClient(server).ServerVersion(ctx)
	if err != nil {
		return ServerInfo{}, err
	}
	return serverInfo(v), nil
}

func serverInfo(v api.ServerVersion) ServerInfo {
	return ServerInfo{Server: v, DesktopVersion: version, ServerOutdated: v.APILevel < api.APILevel,
		DesktopTooOld: v.MinDesktopVersion != "" && api.VersionLess(version, v.MinDesktopVersion)}
}

// SetCAFile sets the company CA file (PEM) whose certificates the desktop trusts besides the system's, for a
// server whose certificate the company issued itself; "" removes it. A file that cannot be read or holds no
// certificate is refused (fields{"caFile": "unreadable" | "no_certificate"}).
func (s *Session) SetCAFile(path string) error {
	path = strings.TrimSpace(path)
	if path != "" {
		if _, err := client.LoadRootCAs(path); err != nil {
			return err
		}
	}
	if err := s.c.settings.Update(func(p *settings.Settings) { p.CAFile = path }); err != nil {
		s.c.log.Error("saving the CA file failed", "err", err)
		return localError(api.CodeSettingsUnavailable, "save the CA file: %v", err)
	}
	return nil
}

// checkServerURL returns the canonical server address, or what is wrong with raw: required, invalid, or insecure
// (http:// to a host other than this computer: passwords and customer data would cross the network unencrypted).
func checkServerURL(raw string) (string, api.FieldCode) {
	server := normalizeServerURL(raw)
	switch {
	case strings.TrimSpace(raw) == "":
		return "", api.FieldRequired
	case server == "":
		return "", api.FieldInvalid
	case strings.HasPrefix(server, "http://") && !isLoopback(server):
		return "", api.FieldInsecure
	}
	return server, ""
}

// isLoopback reports whether the server URL names this computer (localhost, 127.0.0.0/8, ::1).
func isLoopback(server string) bool {
	u, err := url.Parse(server)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
