package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/1sales/app/shared/api"
)

// ExportIdleTimeout ends an export that moved no byte for this long. It is longer than other transfers': the server
// writes a workbook only when all its rows are read, which takes a while for a large list.
const ExportIdleTimeout = 10 * time.Minute

// ExportDownload is an export written to disk.
type ExportDownload struct {
	Path  string
	Rows  int
	Bytes int64
}

// ExportProgress reports an export while it arrives: the bytes written and the rows among them (a CSV's are counted
// as they come, a workbook's are known from its header), and the rows of the whole file when known (-1: not yet).
type ExportProgress func(bytes int64, rows, total int)

// Export posts an export request (body: api.ExportRequest or api.ActivityExportRequest) to route and streams the
// file to the path dest chooses for the server's file name: into a temporary file beside it, renamed when the
// server's row count (X-Export-Rows, a trailer of a CSV) said the file is whole. A file cut short is removed and
// answered with CodeExportIncomplete.
func (c *Client) Export(ctx context.Context, route Route, body any, dest func(fileName string) (string, error), progress ExportProgress) (ExportDownload, error) {
	if route.err != nil {
		return ExportDownload{}, route.err
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return ExportDownload{}, &APIError{Code: api.CodeInternal, Message: "encode export: " + err.Error()}
	}
	var out ExportDownload
	err = c.stream(ctx, streamCall{method: http.MethodPost, path: route.path, idle: ExportIdleTimeout,
		header: map[string]string{"Content-Type": "application/json"},
		body: func() (io.ReadCloser, int64, error) {
			return io.NopCloser(bytes.NewReader(raw)), int64(len(raw)), nil
		},
		sink: func(resp *http.Response, r io.Reader) error {
			name := "export"
			if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
				name = params["filename"]
			}
			path, err := dest(name)
			if err != nil {
				return err
			}
			total := -1
			if n, err := strconv.Atoi(resp.Header.Get(api.HeaderExportRows)); err == nil {
				total = n
			}
			counted := &rowCounter{r: r, csv: total < 0, progress: progress, total: total}
			// The row count of a CSV comes after its last byte: the file is kept only when it came.
			complete := func() error {
				if total >= 0 {
					return nil
				}
				if n, err := strconv.Atoi(resp.Trailer.Get(api.HeaderExportRows)); err == nil {
					total = n
					return nil
				}
				return &APIError{Code: api.CodeExportIncomplete, Message: "the export ended before its row count"}
			}
			d, err := writeFile(counted, path, complete)
			if ae, ok := AsAPIError(err); ok && ae.Code == api.CodeNetworkUnreachable {
				// The answer started and broke off: the server cut it (it failed while writing) or the line did.
				return &APIError{Code: api.CodeExportIncomplete, Message: ae.Message}
			}
			if err != nil {
				return err
			}
			out = ExportDownload{Path: d.Path, Rows: total, Bytes: d.Size}
			if progress != nil {
				progress(d.Size, total, total)
			}
			return nil
		}})
	return out, err
}

// rowCounter passes an export's bytes through, counts them and, in a CSV, its records (line ends outside quotes;
// the header is no row), and reports progress at most every 200 ms.
type rowCounter struct {
	r        io.Reader
	csv      bool
	quoted   bool
	lines    int
	bytes    int64
	total    int
	last     time.Time
	progress ExportProgress
}

func (c *rowCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.bytes += int64(n)
	if c.csv {
		for _, b := range p[:n] {
			switch {
			case b == '"':
				c.quoted = !c.quoted
			case b == '\n' && !c.quoted:
				c.lines++
			}
		}
	}
	if c.progress != nil && n > 0 && time.Since(c.last) >= 200*time.Millisecond {
		c.last = time.Now()
		rows := c.total
		if c.csv {
			rows = max(c.lines-1, 0)
		}
		c.progress(c.bytes, rows, c.total)
	}
	return n, err
}
