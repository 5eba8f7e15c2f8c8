// Package idempotency makes create requests safe to retry: a request with an Idempotency-Key runs once per key
// and user; a repeat gets the first answer replayed and creates nothing.
package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Header is the request header that carries the key.
const Header = "Idempotency-Key"

// Keys stores the keys and the answers.
type Keys struct{ db *bun.DB }

// New builds the store.
func New(db *bun.DB) *Keys { return &Keys{db: db} }

// recorder passes the answer through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// Wrap makes next idempotent per Idempotency-Key. It must run behind authentication. The key is claimed in its
// own committed transaction before next runs, so a concurrent duplicate sees it and gets 409 instead of creating
// a second record. A failed request releases its key, so the client may retry with the same one. A claim left by
// a crashed instance is taken over after two minutes.
func (k *Keys) Wrap(next httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := r.Header.Get(Header)
		if key == "" {
			return next(w, r)
		}
		if len(key) > 200 {
			e := httpx.NewError(http.StatusBadRequest, api.CodeValidation, "Idempotency-Key is too long")
			e.Fields = map[string]string{Header: api.FieldTooLong}
			return e
		}
		a, err := access.FromRequest(r)
		if err != nil {
			return err
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return httpx.BodyError(err)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h := sha256.New()
		fmt.Fprintf(h, "%s %s\n", r.Method, r.URL.Path)
		h.Write(body)
		hash := h.Sum(nil)

		var replay struct {
			Hash     []byte `bun:"request_hash"`
			Status   *int   `bun:"status"`
			Response []byte `bun:"response"`
			ETag     string `bun:"etag"`
		}
		claimed := false
		err = db.InTenant(r.Context(), k.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			res, err := tx.NewRaw(`INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash) VALUES (?, ?, ?, ?)
				ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
				WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '2 minutes'`,
				a.TenantID, a.UserID, key, hash).Exec(ctx)
			if err != nil {
				return fmt.Errorf("idempotency: claim: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				claimed = true
				return nil
			}
			return tx.NewRaw("SELECT request_hash, status, response, etag FROM idempotency_keys WHERE user_id = ? AND key = ?",
				a.UserID, key).Scan(ctx, &replay)
		})
		if err != nil {
			return err
		}
		if !claimed {
			switch {
			case !bytes.Equal(replay.Hash, hash):
				return httpx.NewError(http.StatusUnprocessableEntity, api.CodeIdempotencyReused, "this Idempotency-Key was used for another request")
			case replay.Status == nil:
				return httpx.NewError(http.StatusConflict, api.CodeIdempotencyBusy, "a request with this Idempotency-Key is still running")
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Idempotent-Replayed", "true")
			if replay.ETag != "" {
				w.Header().Set("ETag", replay.ETag)
			}
			w.WriteHeader(*replay.Status)
			_, err := w.Write(replay.Response)
			return err
		}

		rec := &recorder{ResponseWriter: w}
		handlerErr := next(rec, r)
		// Bookkeeping must not depend on the client still waiting.
		ctx := context.WithoutCancel(r.Context())
		err = db.InTenant(ctx, k.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			if handlerErr != nil || rec.status >= 300 {
				if _, err := tx.NewRaw("DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?", a.UserID, key).Exec(ctx); err != nil {
					return fmt.Errorf("idempotency: release: %w", err)
				}
				return nil
			}
			if _, err := tx.NewRaw("UPDATE idempotency_keys SET status = ?, response = ?, etag = ? WHERE user_id = ? AND key = ?",
				rec.status, rec.body.Bytes(), rec.Header().Get("ETag"), a.UserID, key).Exec(ctx); err != nil {
				return fmt.Errorf("idempotency: store answer: %w", err)
			}
			return nil
		})
		if handlerErr != nil {
			return handlerErr
		}
		return err
	}
}
