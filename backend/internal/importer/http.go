package importer

import (
	"net/http"
	"time"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/shared/api"
)

// idleTimeout ends an upload during which no byte arrived for this long.
const idleTimeout = time.Minute

// UploadHandler handles POST /api/v1/imports?recordType=person&fileName=Kunden.xlsx: the body is the file (at most
// api.MaxImportBytes; a larger Content-Length is refused before a byte is read); 201 with the ImportAnalysis.
func (s *Service) UploadHandler(w http.ResponseWriter, r *http.Request) error {
	a, _, err := rest.Target(r, "")
	if err != nil {
		return err
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(idleTimeout))
	_ = rc.SetWriteDeadline(time.Time{})
	body := &idleReader{r: http.MaxBytesReader(w, r.Body, api.MaxImportBytes), renew: func() { _ = rc.SetReadDeadline(time.Now().Add(idleTimeout)) }}
	q := r.URL.Query()
	out, err := s.Upload(r.Context(), a, Upload{RecordType: api.RecordType(q.Get("recordType")), FileName: q.Get("fileName"),
		Size: r.ContentLength, Body: body})
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, out)
}

// idleReader renews the read deadline as bytes arrive.
type idleReader struct {
	r     interface{ Read([]byte) (int, error) }
	renew func()
	n     int
}

func (r *idleReader) Read(p []byte) (int, error) {
	if r.n++; r.n%16 == 0 {
		r.renew()
	}
	return r.r.Read(p)
}
