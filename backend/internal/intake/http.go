package intake

import (
	"net/http"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
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
