package auth

// Two-factor sign-in with TOTP (RFC 6238, github.com/pquerna/otp): enrolment with a QR code, confirmed by a first
// code and answered with ten single-use recovery codes; the code step of a sign-in; the tenant's policy that makes
// the factor mandatory; switching it off (with a current code) and an admin's reset (recorded).
//
// A code is accepted for the current 30 s step and one step either side (clock skew), and only for a step later
// than the last one accepted, so the same code never works twice. Codes are throttled with the password: each one
// is an attempt of the sign-in throttle for the account and address (see auth_code_finish), and five wrong codes
// end a sign-in challenge.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/shared/api"
)

const (
	totpPeriod = 30
	// codeChallengeTTL and enrolChallengeTTL bound the step between the password and the session.
	codeChallengeTTL  = 5 * time.Minute
	enrolChallengeTTL = 15 * time.Minute
	// maxChallengeFailures wrong codes end a challenge: the user signs in with the password again.
	maxChallengeFailures = 5
	totpIssuer           = "1sales"
)

var (
	errChallengeInvalid = httpx.NewError(http.StatusUnauthorized, api.CodeChallengeInvalid,
		"the sign-in step expired or is unknown; sign in again")
	errTwoFactorRequired = httpx.NewError(http.StatusConflict, api.CodeTwoFactorRequired,
		"the company requires two-factor sign-in")
	errWrongCode = httpx.FieldError("code", api.FieldWrongCode)
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// checkCodeFormat validates a TOTP code's form (spaces are ignored: apps show "123 456"): exactly
// api.TOTPCodeLength digits, else a 422 with too_short, too_long or invalid on field.
func checkCodeFormat(v *httpx.Validation, field, code string) string {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	switch {
	case code == "":
		v.Field(field, api.FieldRequired)
	case len(code) < api.TOTPCodeLength:
		v.Field(field, api.FieldTooShort)
	case len(code) > api.TOTPCodeLength:
		v.Field(field, api.FieldTooLong)
	case strings.Trim(code, "0123456789") != "":
		v.Field(field, api.FieldInvalid)
	}
	return code
}

// normalizeRecoveryCode takes a recovery code as typed (any case, with or without the hyphen and spaces).
func normalizeRecoveryCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}, strings.TrimSpace(s))
}

// recoveryCodeLength is the length of a recovery code without its hyphen.
const recoveryCodeLength = 10

// matchStep returns the step of the window (now's step ±1) whose code is code, if that step is later than last.
func matchStep(secret, code string, last int64, now time.Time) (int64, bool) {
	cur := now.Unix() / totpPeriod
	for _, step := range []int64{cur - 1, cur, cur + 1} {
		if step <= last {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step, true
		}
	}
	return 0, false
}

// totpRow is a user's TOTP state.
type totpRow struct {
	Secret      string     `bun:"secret"`
	ConfirmedAt *time.Time `bun:"confirmed_at"`
	LastStep    int64      `bun:"last_step"`
}

// loadTOTP reads (and locks) the user's TOTP row and opens its sealed secret; nil without one.
func (s *Service) loadTOTP(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) (*totpRow, error) {
	var row totpRow
	err := tx.NewRaw("SELECT secret, confirmed_at, last_step FROM user_totp WHERE user_id = ? FOR UPDATE", userID).Scan(ctx, &row)
	if db.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth: totp of %s: %w", userID, err)
	}
	if row.Secret, err = s.box.Open(tenantID, secretbox.TOTPSecret, userID, row.Secret); err != nil {
		return nil, fmt.Errorf("auth: totp of %s: %w", userID, err)
	}
	return &row, nil
}

// twoFactorRequired reports whether the tenant's policy requires a second factor of the user.
func twoFactorRequired(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) (bool, error) {
	var row struct {
		Policy  api.TwoFactorPolicy `bun:"policy"`
		IsAdmin bool                `bun:"is_admin"`
	}
	err := tx.NewRaw(`SELECT coalesce((SELECT two_factor_policy FROM tenant_settings WHERE tenant_id = ?), 'off') AS policy,
			r.is_admin FROM users AS u JOIN roles AS r ON r.id = u.role_id WHERE u.id = ?`, tenantID, userID).Scan(ctx, &row)
	if err != nil {
		return false, fmt.Errorf("auth: two-factor policy: %w", err)
	}
	return row.Policy == api.TwoFactorEveryone || (row.Policy == api.TwoFactorAdmins && row.IsAdmin), nil
}

// signInStep says what a sign-in with the right password still needs: "" nothing, a code, or an enrolment.
func signInStep(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) (api.ChallengeKind, error) {
	var confirmed bool
	if err := tx.NewRaw("SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = ? AND confirmed_at IS NOT NULL)",
		userID).Scan(ctx, &confirmed); err != nil {
		return "", fmt.Errorf("auth: totp state: %w", err)
	}
	if confirmed {
		return api.ChallengeCode, nil
	}
	required, err := twoFactorRequired(ctx, tx, tenantID, userID)
	if err != nil || !required {
		return "", err
	}
	return api.ChallengeEnrol, nil
}

// newChallenge stores a sign-in challenge and returns it with its token (shown once; only its hash is kept).
func newChallenge(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID, kind api.ChallengeKind) (*api.SignInChallenge, error) {
	tok, hash, err := newRefreshToken()
	if err != nil {
		return nil, err
	}
	ttl := codeChallengeTTL
	if kind == api.ChallengeEnrol {
		ttl = enrolChallengeTTL
	}
	exp := time.Now().Add(ttl).UTC().Truncate(time.Second)
	if _, err := tx.NewRaw(`INSERT INTO signin_challenges (token_hash, tenant_id, user_id, kind, expires_at)
		VALUES (?, ?, ?, ?, ?)`, hash, tenantID, userID, kind, exp).Exec(ctx); err != nil {
		return nil, fmt.Errorf("auth: store challenge: %w", err)
	}
	return &api.SignInChallenge{Token: tok, Kind: kind, ExpiresAt: exp}, nil
}

// challenge is a live sign-in challenge.
type challenge struct {
	hash     []byte
	tenantID uuid.UUID
	userID   uuid.UUID
	email    string
}

// findChallenge resolves a challenge token of kind: its tenant, user and e-mail (for the throttle). An unknown,
// expired, spent or exhausted challenge, one of another kind, or one of a user no longer active, is
// errChallengeInvalid.
func (s *Service) findChallenge(ctx context.Context, token string, kind api.ChallengeKind) (challenge, error) {
	if token == "" || len(token) > 200 {
		return challenge{}, errChallengeInvalid
	}
	c := challenge{hash: hashToken(token)}
	if err := s.db.NewRaw("SELECT auth_challenge_tenant(?)", c.hash).Scan(ctx, &c.tenantID); err != nil || c.tenantID == uuid.Nil {
		if err != nil && !db.IsNoRows(err) && !isNullScan(err) {
			return challenge{}, fmt.Errorf("auth: challenge: %w", err)
		}
		return challenge{}, errChallengeInvalid
	}
	err := db.InTenant(ctx, s.db, c.tenantID, func(ctx context.Context, tx bun.Tx) error {
		var row struct {
			UserID uuid.UUID `bun:"user_id"`
			Email  string    `bun:"email"`
		}
		err := tx.NewRaw(`SELECT c.user_id, u.email FROM signin_challenges AS c JOIN users AS u ON u.id = c.user_id
			WHERE c.token_hash = ? AND c.kind = ? AND c.used_at IS NULL AND c.expires_at > now() AND c.failures < ?
				AND u.active`, c.hash, kind, maxChallengeFailures).Scan(ctx, &row)
		if db.IsNoRows(err) {
			return errChallengeInvalid
		}
		c.userID, c.email = row.UserID, row.Email
		return err
	})
	return c, err
}

// lockChallenge locks a challenge found by findChallenge inside the step's transaction and checks that it is
// still live (a concurrent step may have spent it).
func lockChallenge(ctx context.Context, tx bun.IDB, c challenge) error {
	var live bool
	err := tx.NewRaw(`SELECT used_at IS NULL AND expires_at > now() AND failures < ? FROM signin_challenges
		WHERE token_hash = ? FOR UPDATE`, maxChallengeFailures, c.hash).Scan(ctx, &live)
	if db.IsNoRows(err) || (err == nil && !live) {
		return errChallengeInvalid
	}
	return err
}

// checkCode runs one throttled code attempt for the user: it counts the attempt for the e-mail and address (429
// over the limits), then runs verify in the tenant transaction. verify answers whether the code was right and does
// the work of a right code; on a wrong one, fail runs (in the same transaction, which commits) and the answer is
// errWrong. The attempt's verdict commits with the transaction.
func (s *Service) checkCode(ctx context.Context, tenantID uuid.UUID, email, addr string,
	verify func(ctx context.Context, tx bun.Tx) (bool, error), fail func(ctx context.Context, tx bun.Tx) error, errWrong error) error {
	a, err := s.throttle.begin(ctx, email, addr)
	if err != nil {
		return err
	}
	wrong := false
	err = db.InTenant(ctx, s.db, tenantID, func(ctx context.Context, tx bun.Tx) error {
		ok, err := verify(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw("SELECT auth_code_finish(?, ?)", a.id, ok).Exec(ctx); err != nil {
			return fmt.Errorf("auth: finish code attempt: %w", err)
		}
		if !ok {
			wrong = true
			if fail != nil {
				return fail(ctx, tx)
			}
		}
		return nil
	})
	if err == nil && wrong {
		return errWrong
	}
	return err
}

// acceptCode checks code against the user's TOTP row (confirmed or, for enrolment, pending) and records its step.
func (s *Service) acceptCode(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID, code string, confirmed bool) (bool, error) {
	row, err := s.loadTOTP(ctx, tx, tenantID, userID)
	if err != nil || row == nil || (row.ConfirmedAt != nil) != confirmed {
		return false, err
	}
	step, ok := matchStep(row.Secret, code, row.LastStep, time.Now())
	if !ok {
		return false, nil
	}
	if _, err := tx.NewRaw("UPDATE user_totp SET last_step = ? WHERE user_id = ?", step, userID).Exec(ctx); err != nil {
		return false, fmt.Errorf("auth: record totp step: %w", err)
	}
	return true, nil
}

// acceptRecoveryCode spends one of the user's recovery codes.
func acceptRecoveryCode(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID, code string) (bool, error) {
	h := sha256.Sum256([]byte(code))
	res, err := tx.NewRaw("UPDATE recovery_codes SET used_at = now() WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
		userID, h[:]).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("auth: spend recovery code: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil
	}
	return true, recordEvent(ctx, tx, tenantID, userID, userID, api.SecurityRecoveryCodeUsed)
}

// recordEvent adds a security event of user, done by actor.
func recordEvent(ctx context.Context, tx bun.IDB, tenantID, userID, actor uuid.UUID, action api.SecurityAction) error {
	if _, err := tx.NewRaw("INSERT INTO security_events (tenant_id, user_id, action, actor_id) VALUES (?, ?, ?, ?)",
		tenantID, userID, action, actor).Exec(ctx); err != nil {
		return fmt.Errorf("auth: record %s: %w", action, err)
	}
	return nil
}

// failChallenge counts a wrong code against a challenge.
func failChallenge(c challenge) func(ctx context.Context, tx bun.Tx) error {
	return func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw("UPDATE signin_challenges SET failures = failures + 1 WHERE token_hash = ?", c.hash).Exec(ctx)
		return err
	}
}

// SecondFactor completes a sign-in whose password was right with a TOTP code or a recovery code, and opens the
// session.
func (s *Service) SecondFactor(ctx context.Context, in api.SecondFactorRequest, cl Client) (api.Session, error) {
	var v httpx.Validation
	var code, recovery string
	switch {
	case in.Code != "" && in.RecoveryCode != "":
		v.Field("recoveryCode", api.FieldInvalid)
	case in.RecoveryCode != "":
		if recovery = normalizeRecoveryCode(in.RecoveryCode); len(recovery) != recoveryCodeLength {
			v.Field("recoveryCode", api.FieldInvalid)
		}
	default:
		code = checkCodeFormat(&v, "code", in.Code)
	}
	if err := v.Err(); err != nil {
		return api.Session{}, err
	}
	c, err := s.findChallenge(ctx, in.Challenge, api.ChallengeCode)
	if err != nil {
		return api.Session{}, err
	}
	wrong := errWrongCode
	if recovery != "" {
		wrong = httpx.FieldError("recoveryCode", api.FieldWrongCode)
	}
	var out api.Session
	err = s.checkCode(ctx, c.tenantID, c.email, cl.Addr, func(ctx context.Context, tx bun.Tx) (bool, error) {
		if err := lockChallenge(ctx, tx, c); err != nil {
			return false, err
		}
		var ok bool
		var err error
		if recovery != "" {
			ok, err = acceptRecoveryCode(ctx, tx, c.tenantID, c.userID, recovery)
		} else {
			ok, err = s.acceptCode(ctx, tx, c.tenantID, c.userID, code, true)
		}
		if err != nil || !ok {
			return false, err
		}
		if out, err = s.spendChallenge(ctx, tx, c, cl); err != nil {
			return false, err
		}
		return true, nil
	}, failChallenge(c), wrong)
	return out, err
}

// spendChallenge marks the challenge used and opens the session it led to.
func (s *Service) spendChallenge(ctx context.Context, tx bun.Tx, c challenge, cl Client) (api.Session, error) {
	if _, err := tx.NewRaw("UPDATE signin_challenges SET used_at = now() WHERE token_hash = ?", c.hash).Exec(ctx); err != nil {
		return api.Session{}, fmt.Errorf("auth: spend challenge: %w", err)
	}
	return s.IssueSession(ctx, tx, c.tenantID, c.userID, cl)
}

// newEnrolment gives the user a new pending TOTP secret (replacing a pending one), stored sealed (secretbox). A
// user whose TOTP is on already gets a 409: it is switched off first.
func (s *Service) newEnrolment(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID, email string) (api.TOTPEnrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: email, Period: totpPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return api.TOTPEnrolment{}, fmt.Errorf("auth: totp secret: %w", err)
	}
	sealed, err := s.box.Seal(tenantID, secretbox.TOTPSecret, userID, key.Secret())
	if err != nil {
		return api.TOTPEnrolment{}, fmt.Errorf("auth: totp secret: %w", err)
	}
	res, err := tx.NewRaw(`INSERT INTO user_totp (tenant_id, user_id, secret) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = 0, created_at = now()
		WHERE user_totp.confirmed_at IS NULL`, tenantID, userID, sealed).Exec(ctx)
	if err != nil {
		return api.TOTPEnrolment{}, fmt.Errorf("auth: store totp secret: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return api.TOTPEnrolment{}, httpx.Conflict("two-factor sign-in is on already", "", "")
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return api.TOTPEnrolment{}, fmt.Errorf("auth: qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return api.TOTPEnrolment{}, fmt.Errorf("auth: qr code: %w", err)
	}
	return api.TOTPEnrolment{Secret: key.Secret(), URI: key.URL(),
		QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// confirmEnrolment switches the pending TOTP on and replaces the recovery codes with ten new ones.
func confirmEnrolment(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) ([]string, error) {
	if _, err := tx.NewRaw("UPDATE user_totp SET confirmed_at = now() WHERE user_id = ?", userID).Exec(ctx); err != nil {
		return nil, fmt.Errorf("auth: confirm totp: %w", err)
	}
	codes, err := newRecoveryCodes(ctx, tx, tenantID, userID)
	if err != nil {
		return nil, err
	}
	return codes, recordEvent(ctx, tx, tenantID, userID, userID, api.SecurityTOTPEnabled)
}

// newRecoveryCodes replaces the user's recovery codes (used or not) with ten new ones, answered once.
func newRecoveryCodes(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) ([]string, error) {
	if _, err := tx.NewRaw("DELETE FROM recovery_codes WHERE user_id = ?", userID).Exec(ctx); err != nil {
		return nil, fmt.Errorf("auth: drop recovery codes: %w", err)
	}
	codes := make([]string, api.RecoveryCodeCount)
	enc := base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)
	for i := range codes {
		b := make([]byte, 7)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("auth: recovery code: %w", err)
		}
		raw := enc.EncodeToString(b)[:recoveryCodeLength]
		h := sha256.Sum256([]byte(raw))
		if _, err := tx.NewRaw("INSERT INTO recovery_codes (tenant_id, user_id, code_hash) VALUES (?, ?, ?)",
			tenantID, userID, h[:]).Exec(ctx); err != nil {
			return nil, fmt.Errorf("auth: store recovery code: %w", err)
		}
		codes[i] = raw[:5] + "-" + raw[5:]
	}
	return codes, nil
}

// StartEnrolment answers a challenge of kind enrol with a new TOTP secret to scan.
func (s *Service) StartEnrolment(ctx context.Context, in api.EnrolmentRequest) (api.TOTPEnrolment, error) {
	c, err := s.findChallenge(ctx, in.Challenge, api.ChallengeEnrol)
	if err != nil {
		return api.TOTPEnrolment{}, err
	}
	return db.InTenantValue(ctx, s.db, c.tenantID, func(ctx context.Context, tx bun.Tx) (api.TOTPEnrolment, error) {
		if err := lockChallenge(ctx, tx, c); err != nil {
			return api.TOTPEnrolment{}, err
		}
		return s.newEnrolment(ctx, tx, c.tenantID, c.userID, c.email)
	})
}

// ConfirmEnrolment confirms the enrolment a challenge of kind enrol asked for with the app's first code and opens
// the session; the answer carries the recovery codes, once.
func (s *Service) ConfirmEnrolment(ctx context.Context, in api.EnrolmentConfirmRequest, cl Client) (api.Session, error) {
	var v httpx.Validation
	code := checkCodeFormat(&v, "code", in.Code)
	if err := v.Err(); err != nil {
		return api.Session{}, err
	}
	c, err := s.findChallenge(ctx, in.Challenge, api.ChallengeEnrol)
	if err != nil {
		return api.Session{}, err
	}
	var out api.Session
	err = s.checkCode(ctx, c.tenantID, c.email, cl.Addr, func(ctx context.Context, tx bun.Tx) (bool, error) {
		if err := lockChallenge(ctx, tx, c); err != nil {
			return false, err
		}
		ok, err := s.acceptCode(ctx, tx, c.tenantID, c.userID, code, false)
		if err != nil || !ok {
			return false, err
		}
		codes, err := confirmEnrolment(ctx, tx, c.tenantID, c.userID)
		if err != nil {
			return false, err
		}
		if out, err = s.spendChallenge(ctx, tx, c, cl); err != nil {
			return false, err
		}
		out.RecoveryCodes = codes
		return true, nil
	}, failChallenge(c), errWrongCode)
	return out, err
}

// actorEmail reads the signed-in user's e-mail (the throttle counts codes per account).
func (s *Service) actorEmail(ctx context.Context, a *access.Actor) (string, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (string, error) {
		var email string
		err := tx.NewRaw("SELECT email FROM users WHERE id = ?", a.UserID).Scan(ctx, &email)
		return email, err
	})
}

// TwoFactor reports the signed-in user's second factor.
func (s *Service) TwoFactor(ctx context.Context, a *access.Actor) (api.TwoFactorStatus, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.TwoFactorStatus, error) {
		return twoFactorStatus(ctx, tx, a.TenantID, a.UserID)
	})
}

func twoFactorStatus(ctx context.Context, tx bun.IDB, tenantID, userID uuid.UUID) (api.TwoFactorStatus, error) {
	var out api.TwoFactorStatus
	if err := tx.NewRaw(`SELECT (SELECT confirmed_at FROM user_totp WHERE user_id = ?) AS enabled_at,
			(SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL) AS left`,
		userID, userID).Scan(ctx, &out.EnabledAt, &out.RecoveryCodesLeft); err != nil {
		return out, fmt.Errorf("auth: two-factor status: %w", err)
	}
	out.Enabled = out.EnabledAt != nil
	var err error
	out.Required, err = twoFactorRequired(ctx, tx, tenantID, userID)
	return out, err
}

// Enrol gives the signed-in user a new TOTP secret to scan (pending until confirmed).
func (s *Service) Enrol(ctx context.Context, a *access.Actor) (api.TOTPEnrolment, error) {
	email, err := s.actorEmail(ctx, a)
	if err != nil {
		return api.TOTPEnrolment{}, fmt.Errorf("auth: enrol: %w", err)
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.TOTPEnrolment, error) {
		return s.newEnrolment(ctx, tx, a.TenantID, a.UserID, email)
	})
}

// ConfirmTOTP switches the signed-in user's pending TOTP on with its first code and returns the recovery codes.
func (s *Service) ConfirmTOTP(ctx context.Context, a *access.Actor, in api.TOTPCode, cl Client) (api.RecoveryCodes, error) {
	var out api.RecoveryCodes
	err := s.withOwnCode(ctx, a, in, cl, false, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out.Codes, err = confirmEnrolment(ctx, tx, a.TenantID, a.UserID)
		return err
	})
	return out, err
}

// RenewRecoveryCodes gives the signed-in user ten new recovery codes after checking a current code of the app
// (TOTP stays on): the old codes, used or not, stop working; recorded as a security event. Without TOTP on, every
// code is wrong (there is no secret to check it against).
func (s *Service) RenewRecoveryCodes(ctx context.Context, a *access.Actor, in api.TOTPCode, cl Client) (api.RecoveryCodes, error) {
	var out api.RecoveryCodes
	err := s.withOwnCode(ctx, a, in, cl, true, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if out.Codes, err = newRecoveryCodes(ctx, tx, a.TenantID, a.UserID); err != nil {
			return err
		}
		return recordEvent(ctx, tx, a.TenantID, a.UserID, a.UserID, api.SecurityRecoveryCodesRenewed)
	})
	return out, err
}

// DisableTOTP switches the signed-in user's TOTP off after checking a current code; refused (409) while the
// tenant's policy requires it.
func (s *Service) DisableTOTP(ctx context.Context, a *access.Actor, in api.TOTPCode, cl Client) error {
	required, err := db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (bool, error) {
		return twoFactorRequired(ctx, tx, a.TenantID, a.UserID)
	})
	if err != nil {
		return err
	}
	if required {
		return errTwoFactorRequired
	}
	return s.withOwnCode(ctx, a, in, cl, true, func(ctx context.Context, tx bun.Tx) error {
		if err := dropTOTP(ctx, tx, a.UserID); err != nil {
			return err
		}
		return recordEvent(ctx, tx, a.TenantID, a.UserID, a.UserID, api.SecurityTOTPDisabled)
	})
}

// withOwnCode checks a code of the signed-in user's TOTP (confirmed or pending) under the throttle and runs then.
func (s *Service) withOwnCode(ctx context.Context, a *access.Actor, in api.TOTPCode, cl Client, confirmed bool,
	then func(ctx context.Context, tx bun.Tx) error) error {
	var v httpx.Validation
	code := checkCodeFormat(&v, "code", in.Code)
	if err := v.Err(); err != nil {
		return err
	}
	email, err := s.actorEmail(ctx, a)
	if err != nil {
		return fmt.Errorf("auth: code: %w", err)
	}
	return s.checkCode(ctx, a.TenantID, email, cl.Addr, func(ctx context.Context, tx bun.Tx) (bool, error) {
		ok, err := s.acceptCode(ctx, tx, a.TenantID, a.UserID, code, confirmed)
		if err != nil || !ok {
			return false, err
		}
		return true, then(ctx, tx)
	}, nil, errWrongCode)
}

func dropTOTP(ctx context.Context, tx bun.IDB, userID uuid.UUID) error {
	if _, err := tx.NewRaw("DELETE FROM user_totp WHERE user_id = ?", userID).Exec(ctx); err != nil {
		return fmt.Errorf("auth: drop totp: %w", err)
	}
	if _, err := tx.NewRaw("DELETE FROM recovery_codes WHERE user_id = ?", userID).Exec(ctx); err != nil {
		return fmt.Errorf("auth: drop recovery codes: %w", err)
	}
	return nil
}

// userExists answers 404 for a user outside the admin's tenant (row-level security hides it) or unknown.
func userExists(ctx context.Context, tx bun.IDB, userID uuid.UUID) error {
	var n int
	if err := tx.NewRaw("SELECT count(*) FROM users WHERE id = ?", userID).Scan(ctx, &n); err != nil {
		return fmt.Errorf("auth: find user: %w", err)
	}
	if n == 0 {
		return httpx.ErrNotFound
	}
	return nil
}

// UserTwoFactor reports a user's second factor and security events to an admin.
func (s *Service) UserTwoFactor(ctx context.Context, a *access.Actor, userID uuid.UUID) (api.TwoFactorStatus, error) {
	if err := a.RequireAdmin(); err != nil {
		return api.TwoFactorStatus{}, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (api.TwoFactorStatus, error) {
		if err := userExists(ctx, tx, userID); err != nil {
			return api.TwoFactorStatus{}, err
		}
		out, err := twoFactorStatus(ctx, tx, a.TenantID, userID)
		if err != nil {
			return out, err
		}
		var rows []struct {
			Action  api.SecurityAction `bun:"action"`
			ActorID *uuid.UUID         `bun:"actor_id"`
			At      time.Time          `bun:"at"`
		}
		if err := tx.NewRaw("SELECT action, actor_id, at FROM security_events WHERE user_id = ? ORDER BY id DESC LIMIT 50",
			userID).Scan(ctx, &rows); err != nil {
			return out, fmt.Errorf("auth: security events: %w", err)
		}
		out.Events = make([]api.SecurityEvent, len(rows))
		for i, r := range rows {
			out.Events[i] = api.SecurityEvent{Action: r.Action, At: r.At}
			if r.ActorID != nil {
				id := r.ActorID.String()
				out.Events[i].ActorID = &id
			}
		}
		return out, nil
	})
}

// ResetTwoFactor removes a user's TOTP and recovery codes (an admin, for a user who lost the device), recorded as
// a security event. Under a policy that requires it, the user enrols again at the next sign-in.
func (s *Service) ResetTwoFactor(ctx context.Context, a *access.Actor, userID uuid.UUID) error {
	if err := a.RequireAdmin(); err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		if err := userExists(ctx, tx, userID); err != nil {
			return err
		}
		if err := dropTOTP(ctx, tx, userID); err != nil {
			return err
		}
		return recordEvent(ctx, tx, a.TenantID, userID, a.UserID, api.SecurityTOTPReset)
	})
}
