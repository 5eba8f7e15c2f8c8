package app_test

import (
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/1sales/app/desktop/app"
	"github.com/1sales/app/shared/api"
)

func twoFactorRoutes() []route {
	status := api.TwoFactorStatus{Enabled: true, RecoveryCodesLeft: 9}
	enrolment := api.TOTPEnrolment{Secret: "JBSWY3DPEHPK3PXP", URI: "otpauth://totp/1sales:x?secret=JBSWY3DPEHPK3PXP",
		QRCode: "data:image/png;base64,AA=="}
	devices := api.DeviceSessionList{Items: []api.DeviceSession{{ID: "s1", Current: true, AppVersion: "1.4.0", OS: "windows",
		Network: "192.0.2.0/24"}}}
	return []route{
		{name: "own second factor", method: "GET", path: "/api/v1/me/two-factor", status: 200, answer: status,
			call: func(d *app.App) (any, error) { return d.Session.TwoFactor() }},
		{name: "enrol TOTP", method: "POST", path: "/api/v1/me/two-factor/enrolment", status: 200, answer: enrolment,
			call: func(d *app.App) (any, error) { return d.Session.EnrolTOTP() }},
		{name: "confirm TOTP", method: "POST", path: "/api/v1/me/two-factor/confirm", body: `{"code":"123456"}`, status: 200,
			answer: api.RecoveryCodes{Codes: []string{"abcde-fghij"}},
			call:   func(d *app.App) (any, error) { return d.Session.ConfirmTOTP(api.TOTPCode{Code: "123456"}) }},
		{name: "disable TOTP", method: "POST", path: "/api/v1/me/two-factor/disable", body: `{"code":"123456"}`, status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Session.DisableTOTP(api.TOTPCode{Code: "123456"}) }},
		{name: "new recovery codes", method: "POST", path: "/api/v1/me/two-factor/recovery-codes", body: `{"code":"123456"}`,
			status: 200, answer: api.RecoveryCodes{Codes: []string{"abcde-fghij"}},
			call: func(d *app.App) (any, error) { return d.Session.RenewRecoveryCodes(api.TOTPCode{Code: "123456"}) }},
		{name: "devices", method: "GET", path: "/api/v1/me/sessions", status: 200, answer: devices,
			call: func(d *app.App) (any, error) { return d.Session.Devices() }},
		{name: "sign a device out escapes the id", method: "DELETE", path: "/api/v1/me/sessions/s%201", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Session.EndDevice("s 1") }},
		{name: "sign all other devices out", method: "DELETE", path: "/api/v1/me/sessions", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Session.EndOtherDevices() }},
		{name: "a user's second factor", method: "GET", path: "/api/v1/users/u1/two-factor", status: 200, answer: status,
			call: func(d *app.App) (any, error) { return d.Admin.UserTwoFactor("u1") }},
		{name: "reset a user's second factor", method: "DELETE", path: "/api/v1/users/u1/two-factor", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.ResetTwoFactor("u1") }},
		{name: "sign a user out everywhere", method: "DELETE", path: "/api/v1/users/u1/sessions", status: 204,
			call: func(d *app.App) (any, error) { return nil, d.Admin.EndUserSessions("u1") }},
	}
}

// The recovery codes are saved where the user chose, readable by the user only; a cancelled dialog writes nothing.
func TestRecoveryCodesSavedAsAFileOfTheUsersOnly(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	a, dialogs, _ := importDesk(t, rec)
	codes := []string{"abcde-fghij", "klmno-pqrst"}
	if path, err := a.Session.SaveRecoveryCodes("Speichern", "1sales", codes); err != nil || path != "" {
		t.Fatalf("cancelled: %q, %v", path, err)
	}
	dialogs.save = filepath.Join(t.TempDir(), "codes.txt")
	path, err := a.Session.SaveRecoveryCodes("Speichern", "1sales – Wiederherstellungscodes", codes)
	if err != nil || path != dialogs.save || dialogs.saveName != "1sales-recovery-codes.txt" {
		t.Fatalf("save: %q, %v (proposed %q)", path, err, dialogs.saveName)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "1sales – Wiederherstellungscodes\n\nabcde-fghij\nklmno-pqrst\n" {
		t.Fatalf("file: %q, %v", b, err)
	}
	if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("mode: %v, %v", fi.Mode(), err)
	}
}
