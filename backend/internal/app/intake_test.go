package app_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/intake"
	"github.com/1sales/app/backend/internal/supplier"
	"github.com/1sales/app/shared/api"
)

// intakeSource is a source made through the API, with a key.
type intakeSource struct {
	source api.LeadSource
	key    string
	stages []uuid.UUID
}

// newIntakeSource makes a source as an admin would in the app: its own lead pipeline, the default mapping, the
// rules given, the admin as fallback owner, and a key.
func newIntakeSource(t *testing.T, env *apptest.Env, rules []api.AssignmentRule, rate int) intakeSource {
	t.Helper()
	f := fixture{env: env, t: t}
	admin := env.Token(apptest.Admin)
	pl, stages := f.stagesOf("lead")
	resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/lead-sources", Token: admin, Body: api.LeadSourceCreate{
		Name: "1leads " + uuid.NewString()[:6], Active: true, PipelineID: pl.String(), StageID: stages[1].String(),
		FallbackOwnerID: env.Demo.Users[apptest.Admin].String(), Rules: rules, RateLimit: rate}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create source: %d %s", resp.Status, resp.Body)
	}
	var src api.LeadSource
	resp.Decode(t, &src)
	resp = env.Do(apptest.Request{Method: "POST", Path: "/api/v1/lead-sources/" + src.ID + "/keys", Token: admin})
	if resp.Status != http.StatusCreated {
		t.Fatalf("create key: %d %s", resp.Status, resp.Body)
	}
	var key api.LeadSourceKeyCreated
	resp.Decode(t, &key)
	return intakeSource{source: src, key: key.Secret, stages: stages}
}

func (s intakeSource) deliver(t *testing.T, env *apptest.Env, body any) *apptest.Response {
	t.Helper()
	return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/intake/" + s.source.ID + "/leads", Token: s.key, Body: body})
}

func oneLead(id string, fields map[string]any) api.IntakeBatch {
	return api.IntakeBatch{Leads: []api.IntakeLead{{ExternalID: id, Fields: fields}}}
}

func intakeResult(t *testing.T, resp *apptest.Response) api.IntakeResult {
	t.Helper()
	if resp.Status != http.StatusOK {
		t.Fatalf("delivery: %d %s", resp.Status, resp.Body)
	}
	var r api.IntakeResult
	resp.Decode(t, &r)
	return r
}

func countLeads(t *testing.T, env *apptest.Env, source string) int {
	t.Helper()
	var n int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM leads WHERE source_id = ?", source).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIntakeBatchStoresTheGoodLeadsAndRejectsTheBadOnesWithFieldCodes(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, nil, 0)
	body := `{"leads": [
		{"externalId": "1L-1", "fields": {"Firma": "Müller Haustechnik GmbH", "Vorname": "Anna", "Nachname": "Müller", "E-Mail": "anna@mueller-haustechnik.example",
			"Telefon": "+49 40 1234567", "Straße": "Mönckebergstraße 7", "PLZ": "20095", "Ort": "Hamburg", "Land": "Deutschland", "Budget": 25000, "Interesse": "Kopierer"}},
		{"externalId": "1L-2", "fields": {"Firma": "Bad Mail AG", "E-Mail": "kein-mail"}},
		{"externalId": "1L-3", "fields": {"Firma": "Lang", "Notiz": "` + strings.Repeat("x", 10000) + `"}},
		{"externalId": "1L-4", "fields": {"Firma": "Null\u0000Byte"}},
		{"externalId": "1L-5", "fields": {"Firma": "PLZ GmbH", "PLZ": "ABCDE", "Land": "DE"}},
		{"fields": {"Firma": "Ohne ID"}},
		{"externalId": "1L-7", "fields": {"Firma": {"nested": true}}},
		{"externalId": "1L-8", "fields": {"Firma": "Schulz Büro KG", "PLZ": 80331, "Ort": "München"}}
	]}`
	res := intakeResult(t, src.deliver(t, env, body))
	want := []struct {
		status api.IntakeItemStatus
		fields map[string]api.FieldCode
	}{
		{api.IntakeCreated, nil},
		{api.IntakeRejected, map[string]api.FieldCode{"E-Mail": api.FieldInvalid}},
		{api.IntakeRejected, map[string]api.FieldCode{"Notiz": api.FieldTooLong}},
		{api.IntakeRejected, map[string]api.FieldCode{"Firma": api.FieldControlCharacter}},
		{api.IntakeRejected, map[string]api.FieldCode{"PLZ": api.FieldInvalid}},
		{api.IntakeRejected, map[string]api.FieldCode{"externalId": api.FieldRequired}},
		{api.IntakeRejected, map[string]api.FieldCode{"Firma": api.FieldType}},
		{api.IntakeCreated, nil},
	}
	if len(res.Items) != len(want) {
		t.Fatalf("items: %+v", res.Items)
	}
	for i, w := range want {
		it := res.Items[i]
		if it.Index != i || it.Status != w.status || fmt.Sprint(it.Fields) != fmt.Sprint(w.fields) {
			t.Errorf("item %d: got %+v, want %s %v", i, it, w.status, w.fields)
		}
		if (w.status == api.IntakeCreated) != (it.LeadID != "") {
			t.Errorf("item %d: lead ID %q", i, it.LeadID)
		}
	}
	if res.Created != 2 || res.Rejected != 6 {
		t.Errorf("counts: %+v", res)
	}
	if n := countLeads(t, env, src.source.ID); n != 2 {
		t.Errorf("%d leads stored, want 2", n)
	}

	// The first lead as its owner sees it: mapped fields, the unmapped ones as further details, the source's stage.
	admin := env.Token(apptest.Admin)
	resp := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/leads/" + res.Items[0].LeadID, Token: admin})
	var l api.Lead
	resp.Decode(t, &l)
	if l.Title != "Müller Haustechnik GmbH" || l.PersonName != "Anna Müller" || l.Email != "anna@mueller-haustechnik.example" ||
		l.Address.PostalCode != "20095" || l.Address.Country != "DE" || l.Source != src.source.Name || l.SourceID != src.source.ID ||
		l.ExternalID != "1L-1" || l.StageID != src.stages[1].String() || l.OwnerID != env.Demo.Users[apptest.Admin].String() {
		t.Errorf("lead: %+v", l)
	}
	if fmt.Sprint(l.Details) != "[{Budget 25000} {Interesse Kopierer}]" {
		t.Errorf("details: %+v", l.Details)
	}
	// Its address is geocoded like any other (the offline gazetteer places Hamburg).
	drain(t, env)
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/leads/" + l.ID, Token: admin}).Decode(t, &l)
	if !near(l.Position, 53.55, 10.0, 30) {
		t.Errorf("position of the Hamburg lead: %+v", l.Position)
	}
	// Its history: imported, by the source.
	resp = env.Do(apptest.Request{Method: "GET", Path: "/api/v1/leads/" + l.ID + "/history", Token: admin})
	var h api.HistoryList
	resp.Decode(t, &h)
	if len(h.Items) != 1 || h.Items[0].Action != api.HistoryImported || h.Items[0].ActorName != src.source.Name || h.Items[0].ActorID != "" {
		t.Errorf("history: %+v", h.Items)
	}
	// The delivery is noted for the admin, with field codes and no values.
	resp = env.Do(apptest.Request{Method: "GET", Path: "/api/v1/lead-sources/" + src.source.ID + "/deliveries", Token: admin})
	var d api.LeadDeliveryList
	resp.Decode(t, &d)
	if len(d.Items) != 1 || d.Items[0].Created != 2 || d.Items[0].Rejected != 6 || len(d.Items[0].Rejections) != 6 || d.Items[0].Status != 200 {
		t.Errorf("deliveries: %+v", d.Items)
	}
	if strings.Contains(string(resp.Body), "kein-mail") {
		t.Errorf("a delivery shows a delivered value: %s", resp.Body)
	}
}

func TestIntakeRepeatedSupplierIDsUpdateOneLeadAlsoWhenDeliveredConcurrently(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, nil, 1000)
	first := intakeResult(t, src.deliver(t, env, oneLead("R-1", map[string]any{"Firma": "Wagner GmbH", "Ort": "Kiel"})))
	again := intakeResult(t, src.deliver(t, env, oneLead("R-1", map[string]any{"Firma": "Wagner GmbH", "Ort": "Kiel"})))
	changed := intakeResult(t, src.deliver(t, env, oneLead("R-1", map[string]any{"Firma": "Wagner GmbH", "Ort": "Lübeck"})))
	if first.Items[0].Status != api.IntakeCreated || again.Items[0].Status != api.IntakeUnchanged || changed.Items[0].Status != api.IntakeUpdated ||
		again.Items[0].LeadID != first.Items[0].LeadID || changed.Items[0].LeadID != first.Items[0].LeadID {
		t.Fatalf("first %+v, again %+v, changed %+v", first.Items, again.Items, changed.Items)
	}
	// New further details are a change too, recorded in words.
	detailed := intakeResult(t, src.deliver(t, env, oneLead("R-1", map[string]any{"Firma": "Wagner GmbH", "Ort": "Lübeck", "Budget": 5000, "Interesse": "Kopierer"})))
	if detailed.Items[0].Status != api.IntakeUpdated {
		t.Fatalf("new details: %+v", detailed.Items)
	}
	var h api.HistoryList
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/leads/" + first.Items[0].LeadID + "/history", Token: env.Token(apptest.Admin)}).Decode(t, &h)
	if len(h.Items) != 3 || len(h.Items[0].Changes) != 1 || h.Items[0].Changes[0].Field != "details" ||
		h.Items[0].Changes[0].Old != "" || h.Items[0].Changes[0].New != "Budget: 5000; Interesse: Kopierer" {
		t.Errorf("history of the details: %+v", h.Items)
	}

	// A delivery that repeats an ID takes the first.
	dup := intakeResult(t, src.deliver(t, env, api.IntakeBatch{Leads: []api.IntakeLead{
		{ExternalID: "R-9", Fields: map[string]any{"Firma": "A"}}, {ExternalID: "R-9", Fields: map[string]any{"Firma": "B"}}}}))
	if dup.Items[0].Status != api.IntakeCreated || dup.Items[1].Status != api.IntakeRejected || dup.Items[1].Fields["externalId"] != api.FieldDuplicate {
		t.Errorf("repeated in one delivery: %+v", dup.Items)
	}

	// Twenty retries of one new lead at once: one lead.
	var wg sync.WaitGroup
	statuses := make([]api.IntakeItemStatus, 20)
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := env.TryFrom("127.0.0.1", apptest.Request{Method: "POST", Path: "/api/v1/intake/" + src.source.ID + "/leads",
				Token: src.key, Body: oneLead("C-1", map[string]any{"Firma": "Gleichzeitig GmbH"})})
			if err != nil || resp.Status != http.StatusOK {
				errs <- fmt.Errorf("delivery %d: %v %v", i, err, resp)
				return
			}
			var r api.IntakeResult
			if err := json.Unmarshal(resp.Body, &r); err != nil {
				errs <- err
				return
			}
			statuses[i] = r.Items[0].Status
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	created := 0
	for _, s := range statuses {
		if s == api.IntakeCreated {
			created++
		} else if s != api.IntakeUnchanged {
			t.Errorf("status %s", s)
		}
	}
	var n int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM leads WHERE source_id = ? AND external_id = 'C-1'", src.source.ID).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	if created != 1 || n != 1 {
		t.Errorf("%d created answers, %d leads; want 1 and 1", created, n)
	}
}

func TestIntakeTakesOnlyAValidKeyOfItsSourceAndTheKeyNothingElse(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, nil, 1000)
	other := newIntakeSource(t, env, nil, 1000)
	admin := env.Token(apptest.Admin)
	revoked := newIntakeSource(t, env, nil, 1000)
	var keys api.LeadSourceKeyList
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/lead-sources/" + revoked.source.ID + "/keys", Token: admin}).Decode(t, &keys)
	if r := env.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/lead-sources/" + revoked.source.ID + "/keys/" + keys.Items[0].ID, Token: admin}); r.Status != 204 {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	body := oneLead("K-1", map[string]any{"Firma": "Schlüssel GmbH"})
	for name, req := range map[string]apptest.Request{
		"no key":                {Path: "/api/v1/intake/" + src.source.ID + "/leads"},
		"a wrong key":           {Path: "/api/v1/intake/" + src.source.ID + "/leads", Token: "1sk_" + strings.Repeat("A", 43)},
		"a revoked key":         {Path: "/api/v1/intake/" + revoked.source.ID + "/leads", Token: revoked.key},
		"another source's key":  {Path: "/api/v1/intake/" + src.source.ID + "/leads", Token: other.key},
		"a user's access token": {Path: "/api/v1/intake/" + src.source.ID + "/leads", Token: admin},
		"an unknown source":     {Path: "/api/v1/intake/" + uuid.NewString() + "/leads", Token: src.key},
		"a malformed source":    {Path: "/api/v1/intake/1leads/leads", Token: src.key},
	} {
		req.Method, req.Body = "POST", body
		if r := env.Do(req); r.Status != http.StatusUnauthorized || r.Error(t).Code != api.CodeUnauthenticated {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	for _, s := range []intakeSource{src, other, revoked} {
		if n := countLeads(t, env, s.source.ID); n != 0 {
			t.Errorf("source %s: %d leads written", s.source.Name, n)
		}
	}
	// The key of the other tenant's source does not open this tenant's source either.
	otherAdmin := env.Token(apptest.OtherAdmin)
	var otherPipeline api.Pipeline
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/pipelines", Token: otherAdmin, Body: api.PipelineCreate{RecordType: api.RecordLead,
		Name: "Leads", Stages: []api.StageInput{{Name: "Neu", Probability: 10}}}}).Decode(t, &otherPipeline)
	var me api.Me
	env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: otherAdmin}).Decode(t, &me)
	resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/lead-sources", Token: otherAdmin, Body: api.LeadSourceCreate{
		Name: "Fremd", Active: true, PipelineID: otherPipeline.ID, FallbackOwnerID: me.User.ID}})
	var foreign api.LeadSource
	resp.Decode(t, &foreign)
	var foreignKey api.LeadSourceKeyCreated
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/lead-sources/" + foreign.ID + "/keys", Token: otherAdmin}).Decode(t, &foreignKey)
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/intake/" + src.source.ID + "/leads", Token: foreignKey.Secret, Body: body}); r.Status != 401 {
		t.Errorf("another tenant's key: %d %s", r.Status, r.Body)
	}

	// A source's key opens no other route: every route answers it as it answers a caller without a token (the
	// public ones and the calendar feed, whose credential is its path, take no token at all; the operator's routes
	// take only the operator's token, and do not exist without one: operator_test.go).
	for _, route := range env.App.Routes() {
		if route.Guard == app.Public || route.Guard == app.Intake || route.Guard == app.Feed || route.Guard == app.Operator {
			continue
		}
		method, pattern, _ := strings.Cut(route.Pattern, " ")
		p := strings.NewReplacer("{sourceID}", src.source.ID).Replace(pattern)
		for _, param := range []string{"{personID}", "{organizationID}", "{dealID}", "{leadID}", "{recordID}", "{userID}", "{unitID}",
			"{roleID}", "{noteID}", "{documentID}", "{fieldID}", "{filterID}", "{pipelineID}", "{reasonID}", "{typeID}", "{activityID}", "{keyID}"} {
			p = strings.ReplaceAll(p, param, uuid.NewString())
		}
		if r := env.Do(apptest.Request{Method: method, Path: p, Token: src.key, Body: map[string]any{}}); r.Status != http.StatusUnauthorized {
			t.Errorf("%s with a source's key: %d %s", route.Pattern, r.Status, r.Body)
		}
	}
}

func TestIntakeSignedSourcesRefuseMissingWrongAndStaleSignatures(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, nil, 1000)
	var secret api.SigningSecret
	env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/lead-sources/" + src.source.ID + "/signing-secret", Token: env.Token(apptest.Admin)}).Decode(t, &secret)
	body, _ := json.Marshal(oneLead("S-1", map[string]any{"Firma": "Signiert GmbH"}))
	sign := func(at time.Time, key string, b []byte) map[string]string {
		ts := strconv.FormatInt(at.Unix(), 10)
		return map[string]string{"X-Signature-Timestamp": ts, "X-Signature": "sha256=" + hex.EncodeToString(intake.Sign(key, ts, b))}
	}
	other := append([]byte{}, body...)
	other[len(other)-3] = 'X'
	for name, h := range map[string]map[string]string{
		"unsigned":            nil,
		"signed by another":   sign(time.Now(), "1ss_other", body),
		"signed another body": sign(time.Now(), secret.Secret, other),
		"stale":               sign(time.Now().Add(-6*time.Minute), secret.Secret, body),
		"from the future":     sign(time.Now().Add(6*time.Minute), secret.Secret, body),
	} {
		r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/intake/" + src.source.ID + "/leads", Token: src.key, Body: body, Header: h})
		if r.Status != http.StatusUnauthorized || r.Error(t).Code != api.CodeSignatureInvalid {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if n := countLeads(t, env, src.source.ID); n != 0 {
		t.Fatalf("%d leads written by refused deliveries", n)
	}
	r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/intake/" + src.source.ID + "/leads", Token: src.key, Body: body,
		Header: sign(time.Now(), secret.Secret, body)})
	if res := intakeResult(t, r); res.Created != 1 {
		t.Errorf("signed: %+v", res)
	}
}

func TestIntakeRefusesBadRequestsAsAWholeWithTheEnvelope(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, nil, 3)
	batch := func(n int) api.IntakeBatch {
		b := api.IntakeBatch{}
		for i := range n {
			b.Leads = append(b.Leads, api.IntakeLead{ExternalID: fmt.Sprint("B-", i), Fields: map[string]any{"Firma": "Firma"}})
		}
		return b
	}
	for name, c := range map[string]struct {
		body   any
		status int
		field  string
	}{
		"malformed JSON": {`{"leads": [`, 400, ""},
		"501 leads":      {batch(501), 422, "leads"},
		"no leads":       {`{"leads": []}`, 422, "leads"},
	} {
		r := src.deliver(t, env, c.body)
		e := r.Error(t)
		if r.Status != c.status || (c.field != "" && e.Fields[c.field] == "") {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	// The fourth delivery within a minute of a source allowed three (the three above) waits.
	r := src.deliver(t, env, batch(1))
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || r.Error(t).Code != api.CodeRateLimited {
		t.Errorf("rate limit: %d %s %v", r.Status, r.Body, r.Header)
	}
	big := newIntakeSource(t, env, nil, 1000)
	huge := `{"externalId": "H", "fields": {"Notiz": "` + strings.Repeat("x", intake.MaxBody) + `"}}`
	if r := big.deliver(t, env, huge); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("too large: %d %.200s", r.Status, r.Body)
	}
	paused := newIntakeSource(t, env, nil, 1000)
	admin := env.Token(apptest.Admin)
	if r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/lead-sources/" + paused.source.ID, Token: admin,
		Header: map[string]string{"If-Match": `"1"`}, Body: api.LeadSourcePatch{Active: ptr(false)}}); r.Status != 200 {
		t.Fatalf("pause: %d %s", r.Status, r.Body)
	}
	if r := paused.deliver(t, env, batch(1)); r.Status != http.StatusConflict || r.Error(t).Code != api.CodeSourcePaused {
		t.Errorf("paused: %d %s", r.Status, r.Body)
	}
	if n := countLeads(t, env, src.source.ID) + countLeads(t, env, big.source.ID) + countLeads(t, env, paused.source.ID); n != 0 {
		t.Errorf("%d leads written by refused deliveries", n)
	}
}

func TestIntakeAssignsByTerritoryAndInFairTurnsNeverToDeactivatedUsers(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	admin := env.Token(apptest.Admin)
	// A unit of four reps, one of them deactivated.
	unit := f.freshUnit()
	var reps []string
	var lastETag string
	for i := range 4 {
		resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: admin, Body: api.UserCreate{
			Email: fmt.Sprintf("rep%d-%s@nordlicht.example", i, uuid.NewString()[:6]), Name: fmt.Sprint("Rep ", i), Password: apptest.Password,
			UnitID: unit.String(), RoleID: env.Demo.Roles["Außendienst"].String()}})
		var u api.User
		resp.Decode(t, &u)
		reps = append(reps, u.ID)
		lastETag = resp.Header.Get("ETag")
	}
	sued := env.Demo.Users[apptest.FieldRepSued].String()
	src := newIntakeSource(t, env, []api.AssignmentRule{
		{PostalFrom: "80", PostalTo: "87", Countries: []string{"DE"}, UserID: sued},
		{PostalFrom: "20000", PostalTo: "29999", UnitID: unit.String()},
		{Countries: []string{"AT"}, UserID: reps[3]}, // deactivated below: passed over
	}, 1000)
	if r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + reps[3], Token: admin,
		Header: map[string]string{"If-Match": lastETag}, Body: map[string]any{"active": false}}); r.Status != 200 {
		t.Fatalf("deactivate: %d %s", r.Status, r.Body)
	}

	// Territories: München to Lena, Vienna past the deactivated rep to the fallback.
	res := intakeResult(t, src.deliver(t, env, api.IntakeBatch{Leads: []api.IntakeLead{
		{ExternalID: "T-1", Fields: map[string]any{"Firma": "München GmbH", "PLZ": "80331", "Land": "DE"}},
		{ExternalID: "T-2", Fields: map[string]any{"Firma": "Wien GmbH", "PLZ": "1010", "Land": "AT"}},
	}}))
	owner := func(leadID string) string {
		var id string
		if err := env.DB.Owner.NewRaw("SELECT owner_id::text FROM leads WHERE id = ?", leadID).Scan(context.Background(), &id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	if owner(res.Items[0].LeadID) != sued || owner(res.Items[1].LeadID) != env.Demo.Users[apptest.Admin].String() {
		t.Errorf("territories: %s, %s", owner(res.Items[0].LeadID), owner(res.Items[1].LeadID))
	}

	// Hamburg leads to the unit in turn: 20 deliveries at once.
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := env.TryFrom("127.0.0.1", apptest.Request{Method: "POST", Path: "/api/v1/intake/" + src.source.ID + "/leads",
				Token: src.key, Body: oneLead(fmt.Sprint("HH-", i), map[string]any{"Firma": fmt.Sprint("Hamburg ", i), "PLZ": "2009" + fmt.Sprint(i%10)})})
			if err != nil || resp.Status != http.StatusOK {
				t.Errorf("delivery %d: %v %v", i, err, resp)
			}
		}()
	}
	wg.Wait()
	counts := map[string]int{}
	var rows []struct{ Owner string }
	if err := env.DB.Owner.NewRaw("SELECT owner_id::text AS owner FROM leads WHERE source_id = ? AND external_id LIKE 'HH-%'", src.source.ID).
		Scan(context.Background(), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		counts[r.Owner]++
	}
	if len(rows) != 20 || counts[reps[3]] != 0 || len(counts) != 3 {
		t.Fatalf("owners: %v of %d leads", counts, len(rows))
	}
	lo, hi := 20, 0
	for _, n := range counts {
		lo, hi = min(lo, n), max(hi, n)
	}
	if hi-lo > 1 {
		t.Errorf("round robin is unfair: %v", counts)
	}
}

func TestIntakeAndManualLeadsFlagDuplicatesVisibleOnlyToThoseWhoSeeTheMatch(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	// A person of Lena's (Süd) with an e-mail address and an organisation with a phone number.
	lena := f.user(apptest.FieldRepSued)
	person := f.exec(`INSERT INTO persons (tenant_id, owner_id, first_name, last_name, sort_name, emails, email_keys)
		VALUES (?, ?, 'Petra', 'Doppel', 'Doppel Petra', '[{"value": "Petra.Doppel@example.org", "kind": "work"}]', '{petra.doppel@example.org}') RETURNING id`,
		env.Demo.TenantID, lena)
	org := f.exec(`INSERT INTO organizations (tenant_id, owner_id, name, phone, postal_code) VALUES (?, ?, 'Doppel & Söhne GmbH', '040 555 1234', '22085') RETURNING id`,
		env.Demo.TenantID, lena)
	src := newIntakeSource(t, env, []api.AssignmentRule{{UserID: env.Demo.Users[apptest.FieldRepNord].String()}}, 1000)
	res := intakeResult(t, src.deliver(t, env, api.IntakeBatch{Leads: []api.IntakeLead{
		{ExternalID: "D-1", Fields: map[string]any{"Vorname": "Petra", "Nachname": "Doppel", "E-Mail": "petra.doppel@EXAMPLE.org"}},
		{ExternalID: "D-2", Fields: map[string]any{"Firma": "Doppel und Söhne", "Telefon": "+49 (40) 555-1234"}},
		{ExternalID: "D-3", Fields: map[string]any{"Firma": "Doppel & Soehne", "PLZ": "22085"}},
		{ExternalID: "D-4", Fields: map[string]any{"Firma": "Einzig GmbH", "E-Mail": "einzig@example.org"}},
	}}))
	for i, want := range []bool{true, true, true, false} {
		if res.Items[i].PossibleDuplicate != want {
			t.Errorf("item %d: possible duplicate %v, want %v", i, res.Items[i].PossibleDuplicate, want)
		}
	}
	get := func(token, id string) api.Lead {
		var l api.Lead
		r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/leads/" + id, Token: token})
		if r.Status != 200 {
			t.Fatalf("get %s: %d %s", id, r.Status, r.Body)
		}
		r.Decode(t, &l)
		return l
	}
	admin := env.Token(apptest.Admin)
	l := get(admin, res.Items[0].LeadID)
	if !l.PossibleDuplicate || len(l.Duplicates) != 1 || l.Duplicates[0].ID != person.String() || l.Duplicates[0].Reason != api.DuplicateEmail {
		t.Errorf("admin sees %+v", l.Duplicates)
	}
	l = get(admin, res.Items[2].LeadID)
	if len(l.Duplicates) != 1 || l.Duplicates[0].ID != org.String() || l.Duplicates[0].Reason != api.DuplicateCompany {
		t.Errorf("company and postal code: %+v", l.Duplicates)
	}
	// Jonas (Nord) owns the leads but may not see Lena's person and organisation: no hint names or counts them.
	jonas := env.Token(apptest.FieldRepNord)
	for _, it := range res.Items[:3] {
		if l := get(jonas, it.LeadID); l.PossibleDuplicate || len(l.Duplicates) != 0 {
			t.Errorf("Jonas sees a match he may not see: %+v", l)
		}
	}
	var page api.LeadPage
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/leads/query", Token: admin,
		Body: api.ListQuery{SourceID: src.source.ID, PossibleDuplicate: true}}).Decode(t, &page)
	if page.Total != 3 {
		t.Errorf("admin's duplicate filter: %d", page.Total)
	}
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/leads/query", Token: jonas,
		Body: api.ListQuery{SourceID: src.source.ID, PossibleDuplicate: true}}).Decode(t, &page)
	if page.Total != 0 {
		t.Errorf("Jonas's duplicate filter: %d", page.Total)
	}
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/leads/query", Token: jonas, Body: api.ListQuery{SourceID: src.source.ID}}).Decode(t, &page)
	if page.Total != 4 {
		t.Errorf("Jonas's source filter: %d", page.Total)
	}
	// A lead typed in by hand is checked too.
	resp := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/leads", Token: admin, Body: api.LeadCreate{Title: "Von Hand",
		Email: "einzig@example.org", PipelineID: src.source.PipelineID}})
	var manual api.Lead
	resp.Decode(t, &manual)
	if !manual.PossibleDuplicate || len(manual.Duplicates) != 1 || manual.Duplicates[0].ID != res.Items[3].LeadID {
		t.Errorf("manual lead: %d %+v", resp.Status, manual)
	}
}

// The duplicate marks between leads, by every key: the same company name (legal form, case and umlaut spelling
// aside) at the same postal code, the same phone number in another spelling, the same e-mail address; matches
// with leads delivered before and within one delivery, both ways; the same company at another postal code and a
// lead's own keys are no match. Persons' and organisations' matches are in the test above.
func TestIntakeMarksDuplicatesAmongLeadsByEveryKey(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, []api.AssignmentRule{{UserID: env.Demo.Users[apptest.FieldRepNord].String()}}, 1000)
	intakeResult(t, src.deliver(t, env, api.IntakeBatch{Leads: []api.IntakeLead{
		{ExternalID: "L-1", Fields: map[string]any{"Firma": "Nordlicht Haustechnik GmbH", "PLZ": "20095", "Telefon": "040 1111111"}},
	}}))
	res := intakeResult(t, src.deliver(t, env, api.IntakeBatch{Leads: []api.IntakeLead{
		{ExternalID: "L-2", Fields: map[string]any{"Firma": "NORDLICHT HAUSTECHNIK AG", "PLZ": "20095"}},
		{ExternalID: "L-3", Fields: map[string]any{"Firma": "Nordlicht Haustechnik GmbH", "PLZ": "80331"}},
		{ExternalID: "L-4", Fields: map[string]any{"Vorname": "Ole", "Telefon": "+49 (40) 111-1111"}},
		{ExternalID: "L-5", Fields: map[string]any{"Vorname": "Uta", "E-Mail": "uta@example.org"}},
		{ExternalID: "L-6", Fields: map[string]any{"Vorname": "Uwe", "E-Mail": "UTA@example.org", "Telefon": "0171 2222222"}},
		{ExternalID: "L-7", Fields: map[string]any{"Firma": "Einzelstück KG", "PLZ": "10115", "E-Mail": "solo@example.org", "Telefon": "030 3333333"}},
		{ExternalID: "L-8", Fields: map[string]any{"Firma": "Südwind Müller GmbH", "PLZ": "80331", "Telefon": "0049 171 2222222"}},
		{ExternalID: "L-9", Fields: map[string]any{"Firma": "Suedwind Mueller", "PLZ": "80331"}},
	}}))
	for i, want := range []bool{true, false, true, true, true, false, true, true} {
		if res.Items[i].PossibleDuplicate != want {
			t.Errorf("%s: possible duplicate %v, want %v", res.Items[i].ExternalID, res.Items[i].PossibleDuplicate, want)
		}
	}
	var marks []string
	if err := env.DB.Owner.NewRaw(`SELECT l.external_id || ' ' || d.record_type || ' ' || x.external_id || ' ' || d.reason
		FROM lead_duplicates AS d JOIN leads AS l ON l.id = d.lead_id JOIN leads AS x ON x.id = d.record_id
		WHERE l.source_id = ? ORDER BY 1`, src.source.ID).Scan(context.Background(), &marks); err != nil {
		t.Fatal(err)
	}
	want := []string{"L-2 lead L-1 company", "L-4 lead L-1 phone", "L-5 lead L-6 email", "L-6 lead L-5 email",
		"L-6 lead L-8 phone", "L-8 lead L-6 phone", "L-8 lead L-9 company", "L-9 lead L-8 company"}
	if !slices.Equal(marks, want) {
		t.Errorf("marks:\n%s\nwant:\n%s", strings.Join(marks, "\n"), strings.Join(want, "\n"))
	}
}

func TestSupplierSimulatorDeliversRealisticLeadsAndRetriesSafely(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, []api.AssignmentRule{{PostalFrom: "20", PostalTo: "29", UnitID: env.Demo.Units["Außendienst Nord"].String()}}, 1000)
	// A proxy in front of the backend that fails every first attempt, as a flaky network would.
	var mu sync.Mutex
	seen := map[string]bool{}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		first := !seen[string(body)]
		seen[string(body)] = true
		mu.Unlock()
		if first {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		req, _ := http.NewRequest(r.Method, env.Server.URL+r.URL.Path, bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	defer proxy.Close()
	o := supplier.Options{URL: proxy.URL, SourceID: src.source.ID, Key: src.key, Batches: 3, Size: 40, Prefix: "SIM", Seed: 7}
	var out strings.Builder
	if err := supplier.Run(context.Background(), o, &out); err != nil {
		t.Fatal(err)
	}
	if n := countLeads(t, env, src.source.ID); n != 120 {
		t.Fatalf("%d leads after 3 batches of 40:\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), "batch 3: 40 created, 0 updated, 0 unchanged, 0 rejected (2 attempts") {
		t.Errorf("report:\n%s", out.String())
	}
	// The same run again: the supplier's IDs are known, nothing is created twice.
	out.Reset()
	if err := supplier.Run(context.Background(), o, &out); err != nil {
		t.Fatal(err)
	}
	if n := countLeads(t, env, src.source.ID); n != 120 || !strings.Contains(out.String(), "0 created, 0 updated, 40 unchanged") {
		t.Errorf("%d leads after a repeated run:\n%s", n, out.String())
	}
	// Leads in PLZ area 2 went to Außendienst Nord (Jonas is its only rep).
	var wrong int
	if err := env.DB.Owner.NewRaw(`SELECT count(*) FROM leads WHERE source_id = ? AND postal_code LIKE '2%' AND owner_id <> ?`,
		src.source.ID, env.Demo.Users[apptest.FieldRepNord]).Scan(context.Background(), &wrong); err != nil {
		t.Fatal(err)
	}
	if wrong != 0 {
		t.Errorf("%d leads of PLZ area 2 not with Außendienst Nord", wrong)
	}
}

func TestAPipelineALeadSourceDeliversIntoCannotBeDeleted(t *testing.T) {
	env := apptest.Start(t)
	src := newIntakeSource(t, env, nil, 0)
	admin := env.Token(apptest.Admin)
	var p api.Pipeline
	resp := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/pipelines/" + src.source.PipelineID, Token: admin})
	resp.Decode(t, &p)
	r := env.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/pipelines/" + p.ID, Token: admin, Header: map[string]string{"If-Match": resp.Header.Get("ETag")}})
	if r.Status != http.StatusConflict || r.Error(t).Fields["id"] != api.FieldInUse {
		t.Fatalf("delete: %d %s", r.Status, r.Body)
	}
	// Once the source is gone, the pipeline may go.
	if r := env.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/lead-sources/" + src.source.ID, Token: admin,
		Header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, src.source.Version)}}); r.Status != http.StatusNoContent {
		t.Fatalf("delete source: %d %s", r.Status, r.Body)
	}
	if r := env.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/pipelines/" + p.ID, Token: admin, Header: map[string]string{"If-Match": resp.Header.Get("ETag")}}); r.Status != http.StatusNoContent {
		t.Fatalf("delete after the source: %d %s", r.Status, r.Body)
	}
}
