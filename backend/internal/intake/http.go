package intake

import (
	"net/http"
	"time"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// CreateKeyHandler handles POST /api/v1/lead-sources/{sourceID}/keys.
func (s *Service) CreateKeyHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "sourceID")
	if err != nil {
		return err
	}
	out, err := s.CreateKey(r.Context(), a, id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, out)
}

// RevokeKeyHandler handles DELETE /api/v1/lead-sources/{sourceID}/keys/{keyID}.
func (s *Service) RevokeKeyHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "sourceID")
	if err != nil {
		return err
	}
	key, err := httpx.PathID(r, "keyID")
	if err != nil {
		return err
	}
	if err := s.RevokeKey(r.Context(), a, id, key); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// SigningSecretHandler handles PUT /api/v1/lead-sources/{sourceID}/signing-secret.
func (s *Service) SigningSecretHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "sourceID")
	if err != nil {
		return err
	}
	out, err := s.RotateSigningSecret(r.Context(), a, id)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// DisableSigningHandler handles DELETE /api/v1/lead-sources/{sourceID}/signing-secret.
func (s *Service) DisableSigningHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "sourceID")
	if err != nil {
		return err
	}
	if err := s.DisableSigning(r.Context(), a, id); err != nil {
		return err
	}
	return httpx.NoContent(w)
}

// PreviewHandler handles POST /api/v1/lead-sources/{sourceID}/preview.
func (s *Service) PreviewHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
	if err != nil {
		return err
	}
	id, err := httpx.PathID(r, "sourceID")
	if err != nil {
		return err
	}
	var in api.LeadSourcePreviewRequest
	if err := httpx.Decode(r, &in); err != nil {
		return err
	}
	out, err := s.Preview(r.Context(), a, id, in)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// AssignedHandler handles GET /api/v1/leads/assigned?since=<RFC 3339 time> (default: the last hour).
func (s *Service) AssignedHandler(w http.ResponseWriter, r *http.Request) error {
	a, err := access.FromRequest(r)
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
