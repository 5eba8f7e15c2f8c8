// Package idempotency makes create requests safe to retry: a request with an Idempotency-Key runs once per key
// and user; a repeat gets the first answer replayed and creates nothing.
package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
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

// MaxKeyLength is the longest key accepted.
const MaxKeyLength = 200

// Keys stores the keys and the answers.
type Keys struct{ db *bun.DB }

// New builds the store.
func New(db *bun.DB) *Keys { return &Keys{db: db} }

// buffer holds the handler's answer until it is stored with the change and committed: the client must not get an
// answer that a crash could still take back.
type buffer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *buffer) Header() http.Header { return b.header }

func (b *buffer) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *buffer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// send writes the buffered answer.
func (b *buffer) send(w http.ResponseWriter) error {
	for k, vs := range b.header {
		w.Header()[k] = vs
	}
	w.WriteHeader(max(b.status, http.StatusOK))
	_, err := w.Write(b.body.Bytes())
	return err
}

// stored is a committed key with its answer.
type stored struct {
	Hash     []byte `bun:"request_hash"`
	Status   *int   `bun:"status"`
	Response []byte `bun:"response"`
	ETag     string `bun:"etag"`
}

// errRollBack ends the transaction of an answer that is not stored (status >= 300): the change, if any, and the
// key go; the answer is sent as it is.
var errRollBack = errors.New("idempotency: answer not stored")

// Wrap makes next idempotent per Idempotency-Key. It must run behind authentication.
//
// The key, the change and the answer share one transaction. Wrap begins the tenant transaction, inserts the key,
// runs next with the transaction in the request's context (the services' db.InTenant calls join it), stores next's
// answer under the key and commits; only then does the client get the answer. A crash before the commit leaves
// neither record nor key, so a retry creates the record once; after the commit it leaves both, and a retry gets
// the stored answer. A concurrent duplicate's insert of the key waits for the first request's transaction: once
// that committed, the duplicate replays its answer; had it rolled back, the duplicate runs itself. An error or an
// answer of 300 or more rolls everything back, so the client may retry with the same key.
func (k *Keys) Wrap(next httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := r.Header.Get(Header)
		if key == "" {
			return next(w, r)
		}
		if len(key) > MaxKeyLength {
			e := httpx.NewError(http.StatusBadRequest, api.CodeValidation, "Idempotency-Key is too long")
			e.Fields = map[string]api.FieldCode{Header: api.FieldTooLong}
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

		var first *stored
		answer := &buffer{header: http.Header{}}
		err = db.InTenant(r.Context(), k.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			res, err := tx.NewRaw(`INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash) VALUES (?, ?, ?, ?)
				ON CONFLICT (tenant_id, user_id, key) DO NOTHING`, a.TenantID, a.UserID, key, hash).Exec(ctx)
			if err != nil {
				return fmt.Errorf("idempotency: claim: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				first = new(stored)
				if err := tx.NewRaw("SELECT request_hash, status, response, etag FROM idempotency_keys WHERE user_id = ? AND key = ?",
					a.UserID, key).Scan(ctx, first); err != nil {
					return fmt.Errorf("idempotency: read answer: %w", err)
				}
				return nil
			}
			if err := next(answer, r.WithContext(ctx)); err != nil {
				return err
			}
			if answer.status >= 300 {
				return errRollBack
			}
			if _, err := tx.NewRaw("UPDATE idempotency_keys SET status = ?, response = ?, etag = ? WHERE user_id = ? AND key = ?",
				max(answer.status, http.StatusOK), answer.body.Bytes(), answer.header.Get("ETag"), a.UserID, key).Exec(ctx); err != nil {
				return fmt.Errorf("idempotency: store answer: %w", err)
			}
			return nil
		})
		if err != nil && !errors.Is(err, errRollBack) {
			return err
		}
		if first == nil {
			return answer.send(w)
		}
		switch {
		case !bytes.Equal(first.Hash, hash):
			return httpx.NewError(http.StatusUnprocessableEntity, api.CodeIdempotencyReused, "this Idempotency-Key was used for another request")
		case first.Status == nil:
			// Only an instance of the version before issue 11, which committed the key before the change, leaves a
			// key without an answer (while it runs, or forever if it crashed; the housekeeping purges it after a day).
			return httpx.NewError(http.StatusConflict, api.CodeIdempotencyBusy, "a request with this Idempotency-Key is still running")
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Idempotent-Replayed", "true")
		if first.ETag != "" {
			w.Header().Set("ETag", first.ETag)
		}
		w.WriteHeader(*first.Status)
		_, err = w.Write(first.Response)
		return err
	}
}
