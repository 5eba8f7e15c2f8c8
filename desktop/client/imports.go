package client

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"

	"github.com/1sales/app/shared/api"
)

// UploadImport streams the file at path to POST /imports for an import of records of recordType: never more than a
// small buffer of it in memory, with Content-Length and Expect: 100-continue, so that a refusal (size, right, type)
// arrives before the bytes are sent. A file larger than api.MaxImportBytes is refused here with the server's 413
// (request.body_too_large, fields{"file": "too_large"}) without sending anything.
func (c *Client) UploadImport(ctx context.Context, recordType api.RecordType, path string) (api.ImportAnalysis, error) {
	fi, err := regularFile(path)
	if err != nil {
		return api.ImportAnalysis{}, err
	}
	if fi.Size() > api.MaxImportBytes {
		return api.ImportAnalysis{}, &APIError{Status: http.StatusRequestEntityTooLarge, Code: api.CodeBodyTooLarge,
			Message: fmt.Sprintf("an import file may have at most %d bytes, this one has %d", api.MaxImportBytes, fi.Size()),
			Fields:  map[string]api.FieldCode{"file": api.FieldTooLarge}}
	}
	q := url.Values{"recordType": {string(recordType)}, "fileName": {filepath.Base(path)}}
	return upload[api.ImportAnalysis](ctx, c, path, Path("imports").path+"?"+q.Encode(),
		map[string]string{"Content-Type": "application/octet-stream"})
}

// DownloadFailedRows streams the failed rows of an import (format xlsx or csv, the reasons in language de or en)
// into the file dest names: dest gets the name the server gives the file (Content-Disposition; "" when it gives
// none) and answers the path to write. The file is complete or not there (see writeChecked). It returns the path.
func (c *Client) DownloadFailedRows(ctx context.Context, id string, format api.ImportFileFormat, language string,
	dest func(serverName string) (string, error)) (string, error) {
	q := url.Values{"format": {string(format)}, "lang": {language}}
	var path string
	err := c.stream(ctx, streamCall{method: http.MethodGet, path: Path("imports", id, "failed-rows").path + "?" + q.Encode(),
		sink: func(resp *http.Response, body io.Reader) error {
			var name string
			if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil {
				name = params["filename"]
			}
			p, err := dest(name)
			if err != nil {
				return err
			}
			if _, err := writeChecked(body, p, ""); err != nil {
				return err
			}
			path = p
			return nil
		}})
	return path, err
}
