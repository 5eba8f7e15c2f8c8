package httpx

import (
	"net/http"
	"strconv"

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

// LimitParam reads the page size of a list from the query parameter limit: 0 when absent (the list's default),
// -1 when it is no number (refused by listquery.PageLimit like any other invalid limit).
func LimitParam(r *http.Request) int {
	raw := r.URL.Query().Get("limit")
	if raw == "" {
		return 0
	}
	n, err := strconv.Atoi(raw)
	if err != nil {
		return -1
	}
	return n
}
