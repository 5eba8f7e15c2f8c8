package app

import (
	"os"
	"strings"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// The signed-in user's second factor and devices (the account page), and an admin's view and reset of a user's
// (the users settings).

// TwoFactor reports the user's second factor: on or off, the recovery codes left, whether the company requires it.
func (s *Session) TwoFactor() (api.TwoFactorStatus, error) {
	return client.Get[api.TwoFactorStatus](s.c.ctx, s.c, client.Path("me", "two-factor"), nil)
}

// EnrolTOTP starts setting up TOTP: the QR code and secret for the authenticator app (pending until confirmed).
func (s *Session) EnrolTOTP() (api.TOTPEnrolment, error) {
	return client.Post[api.TOTPEnrolment](s.c.ctx, s.c, client.Path("me", "two-factor", "enrolment"), nil)
}

// ConfirmTOTP switches TOTP on with the app's first code; the answer holds the ten recovery codes, shown once.
func (s *Session) ConfirmTOTP(in api.TOTPCode) (api.RecoveryCodes, error) {
	return client.Post[api.RecoveryCodes](s.c.ctx, s.c, client.Path("me", "two-factor", "confirm"), in)
}

// DisableTOTP switches TOTP off with a current code (refused with auth.two_factor_required while the company
// requires it).
func (s *Session) DisableTOTP(in api.TOTPCode) error {
	_, err := client.Post[struct{}](s.c.ctx, s.c, client.Path("me", "two-factor", "disable"), in)
	return err
}

// RenewRecoveryCodes replaces the recovery codes with ten new ones after checking a current code of the app (TOTP
// stays on); the old ones stop working. The answer holds the new codes, shown once.
func (s *Session) RenewRecoveryCodes(in api.TOTPCode) (api.RecoveryCodes, error) {
	return client.Post[api.RecoveryCodes](s.c.ctx, s.c, client.Path("me", "two-factor", "recovery-codes"), in)
}

// SaveRecoveryCodes asks where to save the recovery codes (the native save dialog; title and heading in the
// user's language from the UI) and writes them there as a text file readable by the user only. It returns the
// path, or "" when the user cancelled.
func (s *Session) SaveRecoveryCodes(title, heading string, codes []string) (string, error) {
	dest, err := s.c.dialogs.SaveFile(s.c.ctx, title, "1sales-recovery-codes.txt")
	if err != nil {
		return "", localError(api.CodeDialogFailed, "save dialog: %v", err)
	}
	if dest == "" {
		return "", nil
	}
	text := heading + "\n\n" + strings.Join(codes, "\n") + "\n"
	if err := os.WriteFile(dest, []byte(text), 0o600); err != nil {
		return "", localError(api.CodeFileUnwritable, "save recovery codes: %v", err)
	}
	return dest, nil
}

// Devices lists the user's signed-in devices; this one is marked current.
func (s *Session) Devices() (api.DeviceSessionList, error) {
	return client.Get[api.DeviceSessionList](s.c.ctx, s.c, client.Path("me", "sessions"), nil)
}

// EndDevice signs one of the user's devices out; it fails at its next request.
func (s *Session) EndDevice(id string) error {
	_, err := client.Unlink[struct{}](s.c.ctx, s.c, client.Path("me", "sessions", id))
	return err
}

// EndOtherDevices signs out every device of the user but this one.
func (s *Session) EndOtherDevices() error {
	_, err := client.Unlink[struct{}](s.c.ctx, s.c, client.Path("me", "sessions"))
	return err
}

// UserTwoFactor shows an admin a user's second factor and the recorded security events.
func (a *Admin) UserTwoFactor(userID string) (api.TwoFactorStatus, error) {
	return client.Get[api.TwoFactorStatus](a.c.ctx, a.c, client.Path("users", userID, "two-factor"), nil)
}

// ResetTwoFactor removes a user's TOTP and recovery codes (a lost device); recorded.
func (a *Admin) ResetTwoFactor(userID string) error {
	_, err := client.Unlink[struct{}](a.c.ctx, a.c, client.Path("users", userID, "two-factor"))
	return err
}

// EndUserSessions signs out every device of a user; recorded.
func (a *Admin) EndUserSessions(userID string) error {
	_, err := client.Unlink[struct{}](a.c.ctx, a.c, client.Path("users", userID, "sessions"))
	return err
}
