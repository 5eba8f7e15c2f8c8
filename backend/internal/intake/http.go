package intake

import (
	"net/http"
	"time"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// RevokeKeyHandler handles DELETE /api/v1/lead-sources/{sourceID}/keys/{keyID}.
func (s *Service) RevokeKeyHandler(w http.ResponseWriter, r *http.Request) error {
	a, source, err := rest.Target(r, "sourceID")
	if err != nil {
		return err
	}
	key, err := httpx.PathID(r, "keyID")
	if err != nil {
		return err
	}
	if err := s.RevokeKey(r.Context(), a, source, key); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// AssignedHandler handles GET /api/v1/leads/assigned?since=<RFC 3339 time> (default: the last hour).
func (s *Service) AssignedHandler(w http.ResponseWriter, r *http.Request) error {
	a, _, err := rest.Target(r, "")
	if err != nil {
		return err
	}
	since := time.Now().Add(-time.Hour)
	if raw := r.URL.Query().Get("since"); raw != "" {
		t, err := time.Parse(time.RFC3339Nano, raw)
		if err != nil || !httpx.YearOK(t) {
			return httpx.FieldError("since", api.FieldInvalid)
		}
		since = t
	}
	out, err := s.Assigned(r.Context(), a, since)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}
