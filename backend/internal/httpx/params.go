package httpx

import (
	"net/http"

	"github.com/google/uuid"
)

// PathID parses a UUID path value; a malformed one cannot name a record, so it is 404.
func PathID(r *http.Request, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(r.PathValue(name))
	if err != nil {
		return uuid.Nil, ErrNotFound
	}
	return id, nil
}

// CheckVersion refuses a change based on a version other than the stored one.
func CheckVersion(stored, sent int64) error {
	if stored != sent {
		return ErrVersionMismatch
	}
	return nil
}
