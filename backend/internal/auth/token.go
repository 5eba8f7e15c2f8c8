package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

const issuer = "1sales"

// accessClaims are the claims of an access token: who (sub), which tenant (tid) and which session (sid). The
// token only identifies; what the user may do is loaded on every request.
type accessClaims struct {
	TenantID  string `json:"tid"`
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

type tokenIssuer struct {
	secret []byte
	ttl    time.Duration
}

func (t tokenIssuer) issue(tenantID, userID, sessionID uuid.UUID, now time.Time) (string, time.Time, error) {
	exp := now.Add(t.ttl)
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, accessClaims{
		TenantID:  tenantID.String(),
		SessionID: sessionID.String(),
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: issuer, Subject: userID.String(),
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
		},
	})
	s, err := tok.SignedString(t.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: sign: %w", err)
	}
	return s, exp, nil
}

type identity struct{ tenantID, userID, sessionID uuid.UUID }

func (t tokenIssuer) parse(raw string) (identity, error) {
	var c accessClaims
	_, err := jwt.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer(issuer), jwt.WithExpirationRequired())
	if err != nil {
		return identity{}, err
	}
	var id identity
	if id.tenantID, err = uuid.Parse(c.TenantID); err != nil {
		return identity{}, err
	}
	if id.userID, err = uuid.Parse(c.Subject); err != nil {
		return identity{}, err
	}
	if id.sessionID, err = uuid.Parse(c.SessionID); err != nil {
		return identity{}, err
	}
	return id, nil
}

// newRefreshToken returns an opaque random token and the hash stored in its place.
func newRefreshToken() (string, []byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("auth: refresh token: %w", err)
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	return tok, hashToken(tok), nil
}

func hashToken(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}
