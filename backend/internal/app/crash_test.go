package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/testdb"
	"github.com/1sales/app/shared/api"
)

// crashKills is how many times the crash test kills the server; ONESALES_CRASH_KILLS sets another number (a longer
// soak run).
func crashKills(t *testing.T) int {
	if v := os.Getenv("ONESALES_CRASH_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("ONESALES_CRASH_KILLS: want a positive number, got %q", v)
		}
		return n
	}
	return 40
}

// The real server, as a process of its own, gets concurrent creates (persons and deals) with Idempotency-Keys and
// is killed with SIGKILL at random moments, then restarted. Every request whose answer did not arrive is sent again
// with its key until it gets one, as a client would. In the end every key has exactly one record, and it is the
// one the client's answer names: a kill between the commit of the record and the answer's storage, which left the
// key open before (issue 11), cannot happen, as both commit together.
func TestKilledServerCreatesEachIdempotentRecordExactlyOnce(t *testing.T) {
	kills := crashKills(t)
	d := testdb.New(t)
	ctx := context.Background()
	demo, err := seed.Provision(ctx, d.Owner, seed.DemoTenant())
	if err != nil {
		t.Fatal(err)
	}
	admin := demo.Users[apptest.Admin]
	var org, pipelineID uuid.UUID
	if err := d.Owner.NewRaw("INSERT INTO organizations (tenant_id, owner_id, name) VALUES (?, ?, 'Absturz GmbH') RETURNING id",
		demo.TenantID, admin).Scan(ctx, &org); err != nil {
		t.Fatal(err)
	}
	if err := d.Owner.NewRaw("INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'deal', 'Vertrieb') RETURNING id",
		demo.TenantID).Scan(ctx, &pipelineID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Owner.NewRaw("INSERT INTO stages (tenant_id, pipeline_id, name, probability, position) VALUES (?, ?, 'Erstkontakt', 10, 1)",
		demo.TenantID, pipelineID).Exec(ctx); err != nil {
		t.Fatal(err)
	}

	server := apptest.NewProcess(t, apptest.ServerBinary(t), d.AppURL)
	server.Start()
	client := &http.Client{Timeout: 20 * time.Second}
	token := processLogin(t, client, server.Base, apptest.Admin)

	run := uuid.NewString()[:8]
	type answer struct {
		kind, key, id string
		replayed      bool
		sends         int
	}
	var (
		mu      sync.Mutex
		answers []answer
		next    atomic.Int64
		sends   atomic.Int64
		stop    atomic.Bool
	)
	// One job: a create with its key, sent until an answer arrives.
	job := func(i int64) {
		key := fmt.Sprintf("crash-%s-%d", run, i)
		kind, path := "person", "/api/v1/persons"
		var body any = api.PersonCreate{FirstName: "Absturz", LastName: key, Emails: []api.ContactPoint{{Value: key + "@crash.example"}}}
		if i%2 == 1 {
			kind, path = "deal", "/api/v1/deals"
			body = api.DealCreate{Title: key, Value: "1000", OrganizationID: org.String(), PipelineID: pipelineID.String()}
		}
		raw, _ := json.Marshal(body)
		giveUp := time.Now().Add(60 * time.Second)
		for n := 1; ; n++ {
			sends.Add(1)
			status, replayed, out, err := processPost(client, server.Base+path, token, key, raw)
			switch {
			case err == nil && status == http.StatusCreated:
				var rec struct{ ID string }
				if err := json.Unmarshal(out, &rec); err != nil || rec.ID == "" {
					t.Errorf("%s: answer without an ID: %s", key, out)
					return
				}
				mu.Lock()
				answers = append(answers, answer{kind: kind, key: key, id: rec.ID, replayed: replayed, sends: n})
				mu.Unlock()
				return
			case err == nil && status < 500 && status != http.StatusConflict:
				t.Errorf("%s: %d %s", key, status, out)
				return
			}
			// No answer (the server is down or was killed during the request), or one that asks for a retry.
			if time.Now().After(giveUp) {
				t.Errorf("%s: no answer within a minute (last: %d %v)", key, status, err)
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	const workers = 8
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				job(next.Add(1))
			}
		}()
	}
	start := time.Now()
	// Each instance answers at least one request before it is killed a random moment later (while the workers have
	// others in flight): on a busy machine a fixed rhythm of kills can otherwise outrun the restarts, and no kill
	// lands among requests.
	answered := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(answers)
	}
	for range kills {
		for before, until := answered(), time.Now().Add(10*time.Second); answered() == before && time.Now().Before(until); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(10+rand.IntN(140)) * time.Millisecond)
		server.Kill()
		server.Start()
	}
	// Let the clients finish what they started on the last instance.
	time.Sleep(100 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	took := time.Since(start)

	// Every key has exactly one record, the one its answer names.
	stored := map[string][]string{}
	var rows []struct {
		Kind string `bun:"kind"`
		Key  string `bun:"key"`
		ID   string `bun:"id"`
	}
	if err := d.Owner.NewRaw(`SELECT 'person' AS kind, last_name AS key, id::text AS id FROM persons WHERE last_name LIKE ?
		UNION ALL SELECT 'deal', title, id::text FROM deals WHERE title LIKE ?`, "crash-"+run+"-%", "crash-"+run+"-%").Scan(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	inDB := map[string]int{}
	for _, r := range rows {
		stored[r.Key] = append(stored[r.Key], r.ID)
		inDB[r.Kind]++
	}
	duplicates, lost, wrong, replays, retried := 0, 0, 0, 0, 0
	for _, a := range answers {
		if a.sends > 1 {
			retried++
		}
		ids := stored[a.key]
		switch {
		case len(ids) == 0:
			lost++
			t.Errorf("%s %s: answered %s, but no record exists", a.kind, a.key, a.id)
		case len(ids) > 1:
			duplicates += len(ids) - 1
			t.Errorf("%s %s: %d records %v", a.kind, a.key, len(ids), ids)
		case ids[0] != a.id:
			wrong++
			t.Errorf("%s %s: answered %s, stored %s", a.kind, a.key, a.id, ids[0])
		}
		if a.replayed {
			replays++
		}
		delete(stored, a.key)
	}
	for key, ids := range stored {
		t.Errorf("%s: %d records of a request that never got an answer", key, len(ids))
	}
	t.Logf("%d kills in %s: %d requests (%d persons, %d deals in the database), %d of them retried after a lost answer "+
		"(%d sends in all, most refused while the server was down), %d answers replayed; %d duplicates, %d lost, "+
		"%d answers naming another record", kills, took.Round(time.Millisecond), len(answers), inDB["person"], inDB["deal"],
		retried, sends.Load(), replays, duplicates, lost, wrong)
	if len(answers) < 2*kills {
		t.Errorf("only %d requests for %d kills: the kills did not land among requests", len(answers), kills)
	}
}

func processLogin(t *testing.T, client *http.Client, base, email string) string {
	t.Helper()
	raw, _ := json.Marshal(api.LoginRequest{Email: email, Password: apptest.Password})
	resp, err := client.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s api.Session
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil || s.AccessToken == "" {
		t.Fatalf("login: %d %v", resp.StatusCode, err)
	}
	return s.AccessToken
}

// processPost sends a create with its Idempotency-Key; err is set when no answer arrived.
func processPost(client *http.Client, url, token, key string, body []byte) (status int, replayed bool, out []byte, err error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, false, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	resp, err := client.Do(req)
	if err != nil {
		return 0, false, nil, err
	}
	defer resp.Body.Close()
	out, err = io.ReadAll(resp.Body)
	if err != nil {
		return 0, false, nil, err
	}
	return resp.StatusCode, resp.Header.Get("Idempotent-Replayed") == "true", out, nil
}
