package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/shared/api"
)

// A small but real PDF header and a PNG header: what content sniffing looks at.
var (
	pdfBytes = []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	txtBytes = []byte("Gesprächsnotiz: Herr Müller wünscht ein Angebot über 12 Kopierer.\n")
)

// upload sends body as the file of a record. size -1 sends it chunked (no Content-Length).
func upload(t *testing.T, env *apptest.Env, token, recordPath, name, contentType string, body io.Reader, size int64) *apptest.Response {
	t.Helper()
	return uploadAt(t, env.Server.URL, token, recordPath, name, contentType, body, size)
}

// uploadAt is upload to the backend at base (another instance on the same database).
func uploadAt(t *testing.T, base, token, recordPath, name, contentType string, body io.Reader, size int64) *apptest.Response {
	t.Helper()
	req, err := http.NewRequest("POST", base+recordPath+"/documents", body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	if size < 0 {
		req.TransferEncoding = []string{"chunked"}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if name != "" {
		req.Header.Set(api.HeaderFileName, url.PathEscape(name))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &apptest.Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
}

func uploadOK(t *testing.T, env *apptest.Env, token, recordPath, name, contentType string, content []byte) api.Document {
	t.Helper()
	r := upload(t, env, token, recordPath, name, contentType, bytes.NewReader(content), int64(len(content)))
	if r.Status != http.StatusCreated {
		t.Fatalf("upload %s: %d %s", name, r.Status, r.Body)
	}
	var d api.Document
	r.Decode(t, &d)
	return d
}

func storage(t *testing.T, c *client) api.StorageUsage {
	t.Helper()
	var u api.StorageUsage
	c.call("GET", "/api/v1/me/storage", nil, 200, &u)
	return u
}

// blobFiles lists every file in the test's document store, partial writes included, but not the store's
// installation marker.
func blobFiles(t *testing.T, env *apptest.Env) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(env.Config.Blob.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() && d.Name() != ".onesales-installation" {
			rel, _ := filepath.Rel(env.Config.Blob.Dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDocumentsAreStoredListedDownloadedTrashedAndRestored(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	p := makePipeline(admin, api.RecordDeal, "Dokumente", 20, 60)
	org := admin.createOrg(api.OrganizationCreate{Name: "Kunde AG"})
	var deal api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Kopierer", Value: "1000", OrganizationID: org.ID, PipelineID: p.ID}, 201, &deal)
	dealPath := "/api/v1/deals/" + deal.ID

	content := append(append([]byte{}, pdfBytes...), make([]byte, 300<<10)...) // 300 KiB more: several reads
	d := uploadOK(t, env, admin.token, dealPath, "Angebot Müller & Söhne.pdf", "application/pdf", content)
	sum := sha256.Sum256(content)
	if d.FileName != "Angebot Müller & Söhne.pdf" || d.ContentType != "application/pdf" || d.Size != int64(len(content)) ||
		d.SHA256 != hex.EncodeToString(sum[:]) || d.UploadedByName != "Claudia Becker" || !d.CanDelete || d.RecordType != api.RecordDeal ||
		d.RecordID != deal.ID || d.Version != 1 {
		t.Fatalf("uploaded %+v", d)
	}

	var list api.DocumentList
	admin.call("GET", dealPath+"/documents", nil, 200, &list)
	if len(list.Items) != 1 || list.Items[0].ID != d.ID || list.Items[0].UploadedByName != "Claudia Becker" {
		t.Fatalf("list %+v", list)
	}
	var meta api.Document
	admin.call("GET", "/api/v1/documents/"+d.ID, nil, 200, &meta)
	if meta.SHA256 != d.SHA256 || meta.FileName != d.FileName {
		t.Fatalf("metadata %+v", meta)
	}

	// The download is the upload, byte for byte, as an attachment that no browser may sniff into something else.
	dl := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/documents/" + d.ID + "/content", Token: admin.token})
	if dl.Status != 200 || !bytes.Equal(dl.Body, content) {
		t.Fatalf("download: %d, %d bytes (equal %v)", dl.Status, len(dl.Body), bytes.Equal(dl.Body, content))
	}
	for h, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Length":         fmt.Sprint(len(content)),
		"Content-Disposition":    `attachment; filename="Angebot M_ller & S_hne.pdf"; filename*=UTF-8''Angebot%20M%C3%BCller%20&%20S%C3%B6hne.pdf`,
		"X-Content-Type-Options": "nosniff",
		"ETag":                   `"` + d.SHA256 + `"`,
	} {
		if got := dl.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if got := sha256.Sum256(dl.Body); hex.EncodeToString(got[:]) != d.SHA256 {
		t.Fatal("checksum of the download differs")
	}
	// Conditional and ranged requests.
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/documents/" + d.ID + "/content", Token: admin.token,
		Header: map[string]string{"If-None-Match": `"` + d.SHA256 + `"`}}); r.Status != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d", r.Status)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/documents/" + d.ID + "/content", Token: admin.token,
		Header: map[string]string{"Range": "bytes=0-7"}}); r.Status != http.StatusPartialContent || string(r.Body) != "%PDF-1.7" {
		t.Fatalf("range: %d %q", r.Status, r.Body)
	}

	if u := storage(t, admin); u.UsedBytes != int64(len(content)) || u.ReservedBytes != 0 || u.LimitBytes != 53687091200 {
		t.Fatalf("storage %+v", u)
	}
	var hist api.HistoryList
	admin.call("GET", dealPath+"/history", nil, 200, &hist)
	if hist.Items[0].Action != api.HistoryDocumentAdded || hist.Items[0].Changes[0].New != d.FileName {
		t.Fatalf("history %+v", hist.Items[0])
	}

	// To the trash: gone from the list and the download, listed among the trashed, restorable.
	admin.call("DELETE", "/api/v1/documents/"+d.ID, nil, 412, nil, "If-Match", `"7"`)
	admin.call("DELETE", "/api/v1/documents/"+d.ID, nil, 204, nil, "If-Match", etagOf(d.Version))
	admin.call("GET", dealPath+"/documents", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Fatalf("trashed document still listed: %+v", list)
	}
	admin.call("GET", "/api/v1/documents/"+d.ID+"/content", nil, 404, nil)
	admin.call("GET", dealPath+"/documents?trashed=true", nil, 200, &list)
	if len(list.Items) != 1 || list.Items[0].DeletedAt == nil {
		t.Fatalf("trashed list %+v", list)
	}
	if u := storage(t, admin); u.UsedBytes != int64(len(content)) {
		t.Fatalf("a trashed document still takes its storage until purged: %+v", u)
	}
	var restored api.Document
	admin.call("POST", "/api/v1/documents/"+d.ID+"/restore", nil, 200, &restored)
	if restored.DeletedAt != nil || restored.Version != 3 {
		t.Fatalf("restored %+v", restored)
	}
	admin.call("GET", dealPath+"/history", nil, 200, &hist)
	if hist.Items[0].Action != api.HistoryDocumentRestored || hist.Items[1].Action != api.HistoryDocumentDeleted {
		t.Fatalf("history %+v", hist.Items[:2])
	}

	// A trashed record hides its documents; they come back with it.
	admin.call("DELETE", dealPath, nil, 204, nil, "If-Match", etagOf(deal.Version))
	admin.call("GET", "/api/v1/documents/"+d.ID, nil, 404, nil)
	admin.call("POST", dealPath+"/restore", nil, 200, nil)
	admin.call("GET", "/api/v1/documents/"+d.ID, nil, 200, nil)

	// Purged with the record: the trash purge removes the deal, the cleanup its document, bytes and usage.
	admin.call("GET", dealPath, nil, 200, &deal)
	admin.call("DELETE", dealPath, nil, 204, nil, "If-Match", etagOf(deal.Version))
	if _, err := env.DB.Owner.ExecContext(context.Background(), "UPDATE deals SET deleted_at = now() - interval '31 days' WHERE id = ?", deal.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.DB.Owner.ExecContext(context.Background(), "SELECT maintenance_purge()"); err != nil {
		t.Fatal(err)
	}
	rep, err := env.App.CleanupDocuments(context.Background(), true)
	if err != nil || rep.Rows != 1 {
		t.Fatalf("cleanup: %+v %v", rep, err)
	}
	if n := countRows(t, env, "SELECT count(*) FROM documents"); n != 0 {
		t.Fatalf("%d document rows after the purge", n)
	}
	if files := blobFiles(t, env); len(files) != 0 {
		t.Fatalf("bytes left after the purge: %v", files)
	}
	if u := storage(t, admin); u.UsedBytes != 0 {
		t.Fatalf("storage after the purge %+v", u)
	}
}

func TestDocumentsThirtyDaysInTheTrashArePurged(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Archiv GmbH"})
	d := uploadOK(t, env, admin.token, "/api/v1/organizations/"+org.ID, "alt.txt", "text/plain", txtBytes)
	keep := uploadOK(t, env, admin.token, "/api/v1/organizations/"+org.ID, "neu.txt", "text/plain", txtBytes)
	admin.call("DELETE", "/api/v1/documents/"+d.ID, nil, 204, nil, "If-Match", etagOf(d.Version))
	admin.call("DELETE", "/api/v1/documents/"+keep.ID, nil, 204, nil, "If-Match", etagOf(keep.Version))
	if _, err := env.DB.Owner.ExecContext(context.Background(), "UPDATE documents SET deleted_at = now() - interval '31 days' WHERE id = ?", d.ID); err != nil {
		t.Fatal(err)
	}
	rep, err := env.App.CleanupDocuments(context.Background(), false)
	if err != nil || rep.Rows != 1 {
		t.Fatalf("cleanup: %+v %v", rep, err)
	}
	admin.call("POST", "/api/v1/documents/"+d.ID+"/restore", nil, 404, nil)
	admin.call("POST", "/api/v1/documents/"+keep.ID+"/restore", nil, 200, nil)
	if files := blobFiles(t, env); len(files) != 1 {
		t.Fatalf("files %v, want the kept one", files)
	}
	if u := storage(t, admin); u.UsedBytes != int64(len(txtBytes)) {
		t.Fatalf("storage %+v", u)
	}
}

// slowBody yields content in three pieces with pauses, so that concurrent uploads hold their reservations at the
// same time.
type slowBody struct {
	data  []byte
	parts int
}

func (b *slowBody) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		return 0, io.EOF
	}
	time.Sleep(30 * time.Millisecond)
	n := copy(p[:min(len(p), len(b.data)/max(1, 3-b.parts)+1)], b.data)
	b.data = b.data[n:]
	b.parts++
	return n, nil
}

func TestConcurrentUploadsAtTheQuotaEdgeNeverExceedIt(t *testing.T) {
	env := apptest.Start(t)
	// The tenant's contract gives each user 10,000 bytes.
	if _, err := env.DB.Owner.ExecContext(context.Background(), "UPDATE tenants SET storage_bytes_per_user = 10000 WHERE id = ?",
		env.Demo.TenantID); err != nil {
		t.Fatal(err)
	}
	admin := signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Quota GmbH"})
	orgPath := "/api/v1/organizations/" + org.ID
	if u := storage(t, admin); u.LimitBytes != 10000 || u.UsedBytes != 0 {
		t.Fatalf("storage %+v", u)
	}

	// 12 uploads of 1,500 bytes at once: 6 fit (9,000), the 7th would make 10,500.
	const n, size = 12, 1500
	var wg sync.WaitGroup
	statuses := make([]int, n)
	codes := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			content := bytes.Repeat([]byte{'a' + byte(i)}, size)
			r := upload(t, env, admin.token, orgPath, fmt.Sprintf("teil-%02d.txt", i), "text/plain", &slowBody{data: content}, size)
			statuses[i] = r.Status
			if r.Status != http.StatusCreated {
				e := r.Error(t)
				codes[i] = string(e.Code) + "/" + string(e.Fields["file"])
			}
		}()
	}
	wg.Wait()
	created := 0
	for i, s := range statuses {
		switch {
		case s == http.StatusCreated:
			created++
		case s == http.StatusRequestEntityTooLarge && codes[i] == string(api.CodeQuotaExceeded)+"/"+string(api.FieldQuota):
		default:
			t.Fatalf("upload %d: %d %s", i, s, codes[i])
		}
	}
	if created != 6 {
		t.Fatalf("%d uploads stored, want exactly 6 (statuses %v)", created, statuses)
	}
	u := storage(t, admin)
	if u.UsedBytes != 6*size || u.ReservedBytes != 0 || u.UsedBytes > u.LimitBytes {
		t.Fatalf("storage %+v", u)
	}
	if files := blobFiles(t, env); len(files) != 6 {
		t.Fatalf("%d files stored, want 6: %v", len(files), files)
	}
	// The refusal names the limit; a small file still fits, one byte more does not.
	r := upload(t, env, admin.token, orgPath, "voll.txt", "text/plain", bytes.NewReader(bytes.Repeat([]byte("x"), 1001)), 1001)
	if r.Status != http.StatusRequestEntityTooLarge || r.Error(t).Code != api.CodeQuotaExceeded || !strings.Contains(r.Error(t).Message, "10000") {
		t.Fatalf("over the edge: %d %s", r.Status, r.Body)
	}
	uploadOK(t, env, admin.token, orgPath, "passt.txt", "text/plain", bytes.Repeat([]byte("x"), 1000))
	if u := storage(t, admin); u.UsedBytes != 10000 {
		t.Fatalf("storage at the edge %+v", u)
	}
	// The quota is per user: a colleague's storage is untouched.
	lena := signIn(t, env, apptest.FieldRepSued)
	lenaOrg := lena.createOrg(api.OrganizationCreate{Name: "Lenas Kunde"})
	uploadOK(t, env, lena.token, "/api/v1/organizations/"+lenaOrg.ID, "lena.txt", "text/plain", bytes.Repeat([]byte("y"), 5000))
}

func TestAnInterruptedUploadLeavesNoOrphanAndReleasesItsQuota(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	person := admin.createPerson(api.PersonCreate{FirstName: "Karl", LastName: "Abbruch"})

	// The client announces 2 MB, sends 256 KB and hangs up.
	u, _ := url.Parse(env.Server.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /api/v1/persons/%s/documents HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/octet-stream\r\nX-File-Name: gross.bin\r\nContent-Length: %d\r\n\r\n", person.ID, u.Host, admin.token, 2<<20)
	part := make([]byte, 256<<10)
	_, _ = rand.Read(part)
	if _, err := conn.Write(part); err != nil {
		t.Fatal(err)
	}
	// Wait until the server holds the reservation (the pending row), then go away.
	waitFor(t, "the upload to be reserved", func() bool {
		return countRows(t, env, "SELECT count(*) FROM documents WHERE state = 'pending'") == 1
	})
	if got := storage(t, admin); got.ReservedBytes != 2<<20 {
		t.Fatalf("storage during the upload %+v", got)
	}
	conn.Close()

	// The server notices at once and releases everything itself.
	waitFor(t, "the upload to be released", func() bool {
		return countRows(t, env, "SELECT count(*) FROM documents") == 0
	})
	if got := storage(t, admin); got.ReservedBytes != 0 || got.UsedBytes != 0 {
		t.Fatalf("storage after the interruption %+v", got)
	}
	if files := blobFiles(t, env); len(files) != 0 {
		t.Fatalf("bytes left behind: %v", files)
	}
	// And the cleanup finds nothing else to do.
	if rep, err := env.App.CleanupDocuments(context.Background(), true); err != nil || rep.Rows != 0 || rep.Orphans != 0 {
		t.Fatalf("cleanup after an interruption: %+v %v", rep, err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestTheCleanupFinishesWhatAKilledServerLeftBehind(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	person := admin.createPerson(api.PersonCreate{FirstName: "Karla", LastName: "Absturz"})
	kept := uploadOK(t, env, admin.token, "/api/v1/persons/"+person.ID, "bleibt.txt", "text/plain", txtBytes)
	ctx := context.Background()
	tenantDir := filepath.Join(env.Config.Blob.Dir, env.Demo.TenantID.String())
	old := time.Now().Add(-2 * time.Hour)

	// 1. The server died mid-write: a pending row whose lease ran out, and the partial file of its bytes.
	key := env.Demo.TenantID.String() + "/ab/" + strings.ReplaceAll(uuid.NewString(), "-", "")
	if _, err := env.DB.Owner.ExecContext(ctx, `INSERT INTO documents (tenant_id, record_type, record_id, file_name, content_type,
			size_bytes, storage_key, state, expires_at, uploaded_by)
		VALUES (?, 'person', ?, 'halb.pdf', 'application/pdf', 5000000, ?, 'pending', now() - interval '1 minute', ?)`,
		env.Demo.TenantID, person.ID, key, env.Demo.Users[apptest.Admin]); err != nil {
		t.Fatal(err)
	}
	partial := filepath.Join(env.Config.Blob.Dir, filepath.FromSlash(key)) + ".partial"
	if err := os.MkdirAll(filepath.Dir(partial), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(partial, bytes.Repeat([]byte("p"), 1234), 0o640); err != nil {
		t.Fatal(err)
	}
	if u := storage(t, admin); u.ReservedBytes != 5000000 {
		t.Fatalf("the dead upload's reservation: %+v", u)
	}
	// 2. The server died between renaming bytes into place and... anything: bytes no row knows, an hour old, and
	// a fresh one that may still get its row (left alone).
	orphan := filepath.Join(tenantDir, "cd", "0123456789abcdef0123456789abcdef")
	fresh := filepath.Join(tenantDir, "cd", "fedcba9876543210fedcba9876543210")
	if err := os.MkdirAll(filepath.Dir(orphan), 0o750); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{orphan, fresh} {
		if err := os.WriteFile(p, []byte("verwaist"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{orphan, partial} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}

	rep, err := env.App.CleanupDocuments(ctx, true)
	if err != nil || rep.Rows != 1 || rep.Orphans != 1 {
		t.Fatalf("cleanup: %+v %v", rep, err)
	}
	if n := countRows(t, env, "SELECT count(*) FROM documents WHERE state <> 'stored'"); n != 0 {
		t.Fatalf("%d unfinished rows left", n)
	}
	if u := storage(t, admin); u.ReservedBytes != 0 || u.UsedBytes != int64(len(txtBytes)) {
		t.Fatalf("storage after the cleanup %+v", u)
	}
	files := blobFiles(t, env)
	freshRel, _ := filepath.Rel(env.Config.Blob.Dir, fresh)
	var keptKey string
	if err := env.DB.Owner.NewRaw("SELECT storage_key FROM documents WHERE id = ?", kept.ID).Scan(ctx, &keptKey); err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || !contains(files, keptKey) || !contains(files, filepath.ToSlash(freshRel)) {
		t.Fatalf("files after the cleanup %v, want the kept document's %s and the fresh one", files, keptKey)
	}
	// Running again (as another instance would) changes nothing.
	if rep, err := env.App.CleanupDocuments(ctx, true); err != nil || rep.Rows != 0 || rep.Orphans != 0 {
		t.Fatalf("second cleanup: %+v %v", rep, err)
	}
	admin.call("GET", "/api/v1/documents/"+kept.ID+"/content", nil, 200, nil)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestAFieldRepCannotReachAnotherRepsDocuments(t *testing.T) {
	env := apptest.Start(t)
	lena := signIn(t, env, apptest.FieldRepSued)
	jonas := signIn(t, env, apptest.FieldRepNord)
	manager := signIn(t, env, apptest.Manager)
	person := lena.createPerson(api.PersonCreate{FirstName: "Eva", LastName: "Kundin"})
	personPath := "/api/v1/persons/" + person.ID
	d := uploadOK(t, env, lena.token, personPath, "Vertrag.pdf", "application/pdf", pdfBytes)

	for _, c := range []struct{ method, path string }{
		{"GET", "/api/v1/documents/" + d.ID},
		{"GET", "/api/v1/documents/" + d.ID + "/content"},
		{"POST", "/api/v1/documents/" + d.ID + "/restore"},
		{"GET", personPath + "/documents"},
		{"GET", personPath + "/documents?trashed=true"},
	} {
		r := jonas.env.Do(apptest.Request{Method: c.method, Path: c.path, Token: jonas.token})
		if r.Status != http.StatusNotFound || r.Error(t).Code != api.CodeNotFound || bytes.Contains(r.Body, []byte("Vertrag")) {
			t.Fatalf("Jonas %s %s: %d %s", c.method, c.path, r.Status, r.Body)
		}
	}
	jonas.call("DELETE", "/api/v1/documents/"+d.ID, nil, 404, nil, "If-Match", etagOf(d.Version))
	if r := upload(t, env, jonas.token, personPath, "fremd.txt", "text/plain", bytes.NewReader(txtBytes), int64(len(txtBytes))); r.Status != 404 {
		t.Fatalf("Jonas uploads to Lena's person: %d %s", r.Status, r.Body)
	}
	// Lena's manager sees her records, and so her documents.
	dl := manager.call("GET", "/api/v1/documents/"+d.ID+"/content", nil, 200, nil)
	if !bytes.Equal(dl.Body, pdfBytes) {
		t.Fatal("manager's download differs")
	}
	// Another tenant does not even learn that the id exists.
	other := signIn(t, env, apptest.OtherAdmin)
	other.call("GET", "/api/v1/documents/"+d.ID+"/content", nil, 404, nil)
}

func TestUploadedFileNamesAreSanitisedAndNeverUsedAsPaths(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	person := admin.createPerson(api.PersonCreate{FirstName: "Paul", LastName: "Pfad"})
	personPath := "/api/v1/persons/" + person.ID
	for _, tt := range []struct{ sent, stored string }{
		{"../../etc/passwd", "passwd"},
		{`..\..\windows\win.ini`, "win.ini"},
		{"Rech\x00nung\r\n2026\x1b[31m.txt", "Rechnung2026[31m.txt"},
		{"\u202efdp.exe", "fdp.exe"},
	} {
		d := uploadOK(t, env, admin.token, personPath, tt.sent, "text/plain", txtBytes)
		if d.FileName != tt.stored {
			t.Errorf("sent %q, stored %q, want %q", tt.sent, d.FileName, tt.stored)
		}
		dl := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/documents/" + d.ID + "/content", Token: admin.token})
		if cd := dl.Header.Get("Content-Disposition"); !strings.HasSuffix(cd, "filename*=UTF-8''"+url.PathEscape(tt.stored)) &&
			!strings.Contains(cd, tt.stored) {
			t.Errorf("Content-Disposition %q for %q", cd, tt.stored)
		}
	}
	// The store knows only random keys: no file name reached the disk.
	for _, f := range blobFiles(t, env) {
		if strings.Contains(f, "passwd") || strings.Contains(f, "win") || strings.Contains(f, ".txt") || strings.Contains(f, "..") {
			t.Fatalf("a stored path derives from a file name: %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(env.Config.Blob.Dir, "..", "etc")); !os.IsNotExist(err) {
		t.Fatalf("something was written beside the store: %v", err)
	}
	// No name at all is a validation error.
	r := upload(t, env, admin.token, personPath, "", "text/plain", bytes.NewReader(txtBytes), int64(len(txtBytes)))
	if r.Status != 422 || r.Error(t).Fields["fileName"] != api.FieldRequired {
		t.Fatalf("no name: %d %s", r.Status, r.Body)
	}
}

func TestContentThatIsNotOfTheDeclaredTypeIsRefused(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	lead := map[string]any{}
	pl := makePipeline(admin, api.RecordLead, "Leads", 10)
	admin.call("POST", "/api/v1/leads", api.LeadCreate{Title: "Messe", PersonName: "Eva Klein", PipelineID: pl.ID}, 201, &lead)
	leadPath := "/api/v1/leads/" + lead["id"].(string)

	r := upload(t, env, admin.token, leadPath, "foto.png", "image/png", bytes.NewReader(pdfBytes), int64(len(pdfBytes)))
	if r.Status != http.StatusUnsupportedMediaType || r.Error(t).Code != api.CodeDocumentTypeMismatch ||
		r.Error(t).Fields["contentType"] != api.FieldMismatch {
		t.Fatalf("PDF declared as PNG: %d %s", r.Status, r.Body)
	}
	// Nothing kept, nothing reserved.
	if n := countRows(t, env, "SELECT count(*) FROM documents"); n != 0 {
		t.Fatalf("%d rows after the refusal", n)
	}
	if files := blobFiles(t, env); len(files) != 0 {
		t.Fatalf("files after the refusal: %v", files)
	}
	if u := storage(t, admin); u.ReservedBytes != 0 || u.UsedBytes != 0 {
		t.Fatalf("storage after the refusal %+v", u)
	}
	// Declared generically, the content decides the type.
	d := uploadOK(t, env, admin.token, leadPath, "scan", "application/octet-stream", pdfBytes)
	if d.ContentType != "application/pdf" {
		t.Fatalf("detected type %q", d.ContentType)
	}
}

func TestUploadsNeedALengthAndStayWithinTheSizeLimit(t *testing.T) {
	env := apptest.Start(t, func(c *config.Config) { c.UploadMaxBytes = 4096 })
	admin := signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Limit AG"})
	orgPath := "/api/v1/organizations/" + org.ID

	big := bytes.Repeat([]byte("z"), 5000)
	r := upload(t, env, admin.token, orgPath, "gross.txt", "text/plain", bytes.NewReader(big), int64(len(big)))
	if r.Status != http.StatusRequestEntityTooLarge || r.Error(t).Code != api.CodeDocumentTooLarge || r.Error(t).Fields["file"] != api.FieldTooLarge {
		t.Fatalf("too large: %d %s", r.Status, r.Body)
	}
	r = upload(t, env, admin.token, orgPath, "ohne-laenge.txt", "text/plain", bytes.NewReader(txtBytes), -1)
	if r.Status != http.StatusLengthRequired || r.Error(t).Code != api.CodeDocumentLength {
		t.Fatalf("chunked: %d %s", r.Status, r.Body)
	}
	// The general 1 MiB body limit does not apply to uploads, and the upload limit does not apply elsewhere.
	env2 := apptest.Start(t)
	admin2 := signIn(t, env2, apptest.Admin)
	org2 := admin2.createOrg(api.OrganizationCreate{Name: "Gross AG"})
	large := make([]byte, 3<<20)
	_, _ = rand.Read(large)
	d := uploadOK(t, env2, admin2.token, "/api/v1/organizations/"+org2.ID, "daten.bin", "application/octet-stream", large)
	dl := admin2.call("GET", "/api/v1/documents/"+d.ID+"/content", nil, 200, nil)
	if sum := sha256.Sum256(dl.Body); hex.EncodeToString(sum[:]) != d.SHA256 || !bytes.Equal(dl.Body, large) {
		t.Fatal("the 3 MiB download is not the upload")
	}
	if n := countRows(t, env, "SELECT count(*) FROM documents"); n != 0 {
		t.Fatalf("%d rows after refusals", n)
	}
}
