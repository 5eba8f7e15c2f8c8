package auth

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// argon2id parameters: OWASP's recommendation (19 MiB, 2 iterations, 1 lane). auth_signin_begin answers an
// unknown e-mail with the same parameters (TestSigninBeginAnswersUnknownEmailsLikeAccounts keeps them equal).
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	argonSaltLen   = 16
)

// Bounds on the parameters of a stored hash: a hash asking for more is refused rather than computed, as the hash
// slots (Hasher) are sized for ours.
const (
	maxArgonMemoryKiB = 64 * 1024
	maxArgonTime      = 10
	maxArgonThreads   = 4
	maxArgonKeyLen    = 64
)

// MinPasswordLength is the shortest password accepted (NIST SP 800-63B).
const MinPasswordLength = 8

// MaxPasswordLength bounds the work an attacker can make the server do per attempt.
const MaxPasswordLength = 256

var b64 = base64.RawStdEncoding

// HashPassword returns an argon2id hash in the PHC string format. It does not wait for a hash slot: the server
// hashes through Hasher.Hash; this is for tools that run alone (seed, create-tenant).
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	p := hashParams{memKiB: argonMemoryKiB, iters: argonTime, threads: argonThreads, salt: salt}
	return p.String() + "$" + deriveKey(password, p, argonKeyLen), nil
}

var errBadHash = errors.New("auth: malformed password hash")

// hashParams are what a PHC argon2id string holds before the key: "$argon2id$v=19$m=19456,t=2,p=1$<salt>".
type hashParams struct {
	memKiB, iters uint32
	threads       uint8
	salt          []byte
}

func (p hashParams) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s", argon2.Version, p.memKiB, p.iters, p.threads, b64.EncodeToString(p.salt))
}

// parseParams reads the parameters of a stored hash (as auth_signin_begin hands them out: without the key).
func parseParams(s string) (hashParams, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "argon2id" {
		return hashParams{}, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return hashParams{}, errBadHash
	}
	var p hashParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memKiB, &p.iters, &p.threads); err != nil {
		return hashParams{}, errBadHash
	}
	if p.memKiB < 8*uint32(p.threads) || p.memKiB > maxArgonMemoryKiB || p.iters < 1 || p.iters > maxArgonTime ||
		p.threads < 1 || p.threads > maxArgonThreads {
		return hashParams{}, errBadHash
	}
	var err error
	if p.salt, err = b64.DecodeString(parts[4]); err != nil || len(p.salt) < 8 {
		return hashParams{}, errBadHash
	}
	return p, nil
}

// deriveKey computes the argon2id key of password (raw standard base64, as in the PHC string). It takes the
// parameters' memory and a core for tens of milliseconds: the server calls it only through a Hasher slot.
func deriveKey(password string, p hashParams, keyLen int) string {
	return b64.EncodeToString(argon2.IDKey([]byte(password), p.salt, p.iters, p.memKiB, p.threads, uint32(keyLen)))
}

// PasswordProblem returns the field code that refuses pw as a new password (required, too_short, too_long,
// common), or "" when it is acceptable.
func PasswordProblem(pw string) api.FieldCode {
	switch n := utf8.RuneCountInString(pw); {
	case n == 0:
		return api.FieldRequired
	case n < MinPasswordLength:
		return api.FieldTooShort
	case n > MaxPasswordLength:
		return api.FieldTooLong
	case IsCommonPassword(pw):
		return api.FieldCommon
	}
	return ""
}

// ValidatePassword records the field code of a new password that is not acceptable (see PasswordProblem) and
// reports whether it is acceptable.
func ValidatePassword(v *httpx.Validation, field, pw string) bool {
	if code := PasswordProblem(pw); code != "" {
		v.Field(field, code)
		return false
	}
	return true
}
