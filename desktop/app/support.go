package app

import (
	"runtime"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Help & support: what the help screen shows of the app and the server, and the support request the server mails
// to the tenant's support address.

// SupportInfo is what the help screen shows: this app's version and operating system, the server it is connected
// to with its version, and the tenant's support address ("" when the admins set none).
type SupportInfo struct {
	AppVersion    string `json:"appVersion"`
	OS            string `json:"os"`
	ServerURL     string `json:"serverUrl"`
	ServerVersion string `json:"serverVersion"`
	SupportEmail  string `json:"supportEmail"`
}

// SupportForm is a support request as the user wrote it. With AttachDiagnostics the request carries the
// diagnostics (app version, operating system, server, ErrorIDs: the numbers of the last errors the UI showed);
// without, none of them leave the desktop.
type SupportForm struct {
	Subject           string   `json:"subject"`
	Text              string   `json:"text"`
	AttachDiagnostics bool     `json:"attachDiagnostics"`
	ErrorIDs          []string `json:"errorIds"`
}

// SupportInfo reads the support address and the server's version and adds what the desktop knows itself.
func (s *Session) SupportInfo() (SupportInfo, error) {
	out := s.c.supportBasics()
	info, err := client.Get[api.SupportInfo](s.c.ctx, s.c, client.Path("support"), nil)
	if err != nil {
		return out, err
	}
	out.ServerVersion, out.SupportEmail = info.ServerVersion, info.SupportEmail
	return out, nil
}

// SendSupportRequest asks the server to mail the request to the tenant's support address; answers 409
// support.no_address when there is none, 422 with field codes for a missing or too long text, 429 after
// api.SupportPerHour requests within an hour.
func (s *Session) SendSupportRequest(form SupportForm) (api.SupportReceipt, error) {
	in := api.SupportRequest{Subject: form.Subject, Text: form.Text}
	if form.AttachDiagnostics {
		b := s.c.supportBasics()
		ids := form.ErrorIDs
		if len(ids) > api.SupportErrorIDsMax {
			ids = ids[len(ids)-api.SupportErrorIDsMax:]
		}
		in.Diagnostics = &api.SupportDiagnostics{AppVersion: b.AppVersion, OS: b.OS, ServerURL: b.ServerURL, ErrorIDs: ids}
	}
	return client.Create[api.SupportReceipt](s.c.ctx, s.c, client.Path("support"), in)
}

// supportBasics is what the desktop knows without asking the server.
func (c *core) supportBasics() SupportInfo {
	c.mu.Lock()
	server := c.server
	c.mu.Unlock()
	return SupportInfo{AppVersion: Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, ServerURL: server}
}
