package app_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// createRoutes lists the routes behind Create and AdminCreate (idempotent by Idempotency-Key).
func createRoutes(env *apptest.Env) []string {
	return routesBehind(env, app.Create, app.AdminCreate)
}

// createCase is a create route's table and its request (path and body).
type createCase struct {
	table   string
	prepare func() (path string, body any)
}

// Every create behind an Idempotency-Key must do its work in the transaction that stores the key and the answer
// (db.InTenant with the request's context joins it): otherwise a crash between the two commits leaves a record
// whose key a retry does not find. The proof is PostgreSQL's own: the record's row and the key's row carry the
// same transaction ID (xmin).
func TestEveryCreateCommitsItsRecordInTheTransactionOfItsKey(t *testing.T) {
	env := apptest.Start(t)
	f := fixture{env: env, t: t}
	token := env.Token(apptest.Admin)
	adminID := env.Demo.Users[apptest.Admin]
	cases := map[string]createCase{
		"POST /api/v1/users": {"users", func() (string, any) {
			return "/api/v1/users", api.UserCreate{Email: "idem-" + uuid.NewString()[:8] + "@nordlicht.example", Name: "Neu",
				Password: apptest.Password, UnitID: env.Demo.Units["Innendienst"].String(), RoleID: env.Demo.Roles["Innendienst"].String()}
		}},
		"POST /api/v1/units": {"units", func() (string, any) {
			return "/api/v1/units", api.UnitCreate{Name: "Einheit " + uuid.NewString()[:8], ParentID: env.Demo.Units["Vertriebsleitung"].String()}
		}},
		"POST /api/v1/roles": {"roles", func() (string, any) {
			return "/api/v1/roles", api.RoleCreate{Name: "Rolle " + uuid.NewString()[:8]}
		}},
		"POST /api/v1/persons": {"persons", func() (string, any) {
			return "/api/v1/persons", api.PersonCreate{FirstName: "Ida", LastName: "Empotenz " + uuid.NewString()[:8],
				Address: api.Address{Street: "Hauptstraße 1", PostalCode: "20095", City: "Hamburg", Country: "DE"}}
		}},
		"POST /api/v1/organizations": {"organizations", func() (string, any) {
			return "/api/v1/organizations", api.OrganizationCreate{Name: "Firma " + uuid.NewString()[:8],
				Address: api.Address{Street: "Marktplatz 2", PostalCode: "80331", City: "München", Country: "DE"}}
		}},
		"POST /api/v1/custom-fields": {"custom_fields", func() (string, any) {
			return "/api/v1/custom-fields", api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "Feld " + uuid.NewString()[:8], Kind: api.FieldKindText}
		}},
		"POST /api/v1/saved-filters": {"saved_filters", func() (string, any) {
			return "/api/v1/saved-filters", api.SavedFilterCreate{RecordType: api.RecordPerson, Name: "Meine " + uuid.NewString()[:8], Query: api.ListQuery{Owner: "me"}}
		}},
		"POST /api/v1/deals": {"deals", func() (string, any) {
			pl, _ := f.stagesOf("deal")
			return "/api/v1/deals", api.DealCreate{Title: "Deal " + uuid.NewString()[:8], Value: "100", PipelineID: pl.String(),
				OrganizationID: f.orgOwnedBy(adminID).String()}
		}},
		"POST /api/v1/leads": {"leads", func() (string, any) {
			pl, _ := f.stagesOf("lead")
			return "/api/v1/leads", api.LeadCreate{Title: "Lead " + uuid.NewString()[:8], PersonName: "Eva Klein", PipelineID: pl.String()}
		}},
		"POST /api/v1/pipelines": {"pipelines", func() (string, any) {
			return "/api/v1/pipelines", api.PipelineCreate{RecordType: api.RecordDeal, Name: "Pipeline " + uuid.NewString()[:8],
				Stages: []api.StageInput{{Name: "Erstkontakt", Probability: 10}}}
		}},
		"POST /api/v1/lost-reasons": {"lost_reasons", func() (string, any) {
			return "/api/v1/lost-reasons", api.LostReasonCreate{RecordType: api.RecordDeal, Name: "Grund " + uuid.NewString()[:8]}
		}},
		"POST /api/v1/lead-sources": {"lead_sources", func() (string, any) {
			pl, _ := f.stagesOf("lead")
			return "/api/v1/lead-sources", api.LeadSourceCreate{Name: "Quelle " + uuid.NewString()[:8], PipelineID: pl.String(),
				FallbackOwnerID: adminID.String()}
		}},
		"POST /api/v1/lead-sources/{sourceID}/keys": {"lead_source_keys", func() (string, any) {
			return "/api/v1/lead-sources/" + f.leadSource().String() + "/keys", nil
		}},
		"POST /api/v1/activity-types": {"activity_types", func() (string, any) {
			return "/api/v1/activity-types", api.ActivityTypeCreate{Name: "Typ " + uuid.NewString()[:8], Color: "#228be6", Icon: "phone"}
		}},
		"POST /api/v1/activities": {"activities", func() (string, any) {
			return "/api/v1/activities", api.ActivityCreate{Title: "Rückruf", TypeID: f.activityType().String(), DueAt: time.Now().Add(time.Hour)}
		}},
	}
	// A support request queues a mail (to the demo company's support address).
	if r := env.Do(apptest.Request{Method: "PUT", Path: "/api/v1/tenant/settings", Token: token,
		Body: api.TenantSettingsInput{Language: api.LanguageDE, SupportEmail: "support@nordlicht.example"}}); r.Status != http.StatusOK {
		t.Fatalf("support address: %d %s", r.Status, r.Body)
	}
	cases["POST /api/v1/support"] = createCase{"mail_queue", func() (string, any) {
		return "/api/v1/support", api.SupportRequest{Text: "Bitte um Rückruf"}
	}}
	// An invitation queues its mail in the same transaction.
	cases["POST /api/v1/invitations"] = createCase{"invitations", func() (string, any) {
		return "/api/v1/invitations", api.InvitationCreate{Email: "idem-" + uuid.NewString()[:8] + "@nordlicht.example", Name: "Neu",
			UnitID: env.Demo.Units["Innendienst"].String(), RoleID: env.Demo.Roles["Innendienst"].String()}
	}}
	// A note on a record of every kind.
	for _, k := range record.Kinds() {
		kf := kindFixtureOf(t, k)
		cases["POST /api/v1/"+k.Path+"/{recordID}/notes"] = createCase{"notes", func() (string, any) {
			return "/api/v1/" + k.Path + "/" + kf.make(f, apptest.Admin).String() + "/notes", api.NoteCreate{Body: "Rückruf vereinbart"}
		}}
	}
	for _, route := range createRoutes(env) {
		t.Run(route, func(t *testing.T) {
			c, ok := cases[route]
			if !ok {
				t.Fatalf("create route %q has no row here: add one, so that its transaction is checked", route)
			}
			p, body := c.prepare()
			key := "xmin-" + uuid.NewString()
			req := apptest.Request{Method: "POST", Path: p, Token: token, Body: body, Header: map[string]string{"Idempotency-Key": key}}
			first := env.Do(req)
			if first.Status != http.StatusCreated {
				t.Fatalf("create: %d %s", first.Status, first.Body)
			}
			var created struct {
				ID  string
				Key struct{ ID string } // a new key comes with its secret
			}
			first.Decode(t, &created)
			if created.ID == "" {
				created.ID = created.Key.ID
			}
			var recordTx, keyTx string
			ctx := context.Background()
			if err := env.DB.Owner.NewRaw("SELECT xmin::text FROM ? WHERE id = ?", bunIdent(c.table), created.ID).Scan(ctx, &recordTx); err != nil {
				t.Fatalf("record %s in %s: %v", created.ID, c.table, err)
			}
			if err := env.DB.Owner.NewRaw("SELECT xmin::text FROM idempotency_keys WHERE key = ?", key).Scan(ctx, &keyTx); err != nil {
				t.Fatalf("key: %v", err)
			}
			if recordTx != keyTx {
				t.Fatalf("the record was written by transaction %s, its key and answer by %s", recordTx, keyTx)
			}
			again := env.Do(req)
			if again.Status != http.StatusCreated || string(again.Body) != string(first.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("replay: %d %s", again.Status, again.Body)
			}
		})
	}
}

// Keys belong to their user: another user's identical key is a request of its own.
func TestIdempotencyKeysArePerUser(t *testing.T) {
	env := apptest.Start(t)
	key := "per-user-" + uuid.NewString()
	for _, email := range []string{apptest.Admin, apptest.FieldRepNord} {
		r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/persons", Token: env.Token(email),
			Body: api.PersonCreate{FirstName: "Gleicher", LastName: "Schlüssel"}, Header: map[string]string{"Idempotency-Key": key}})
		if r.Status != http.StatusCreated || r.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("%s: %d %s replayed=%q", email, r.Status, r.Body, r.Header.Get("Idempotent-Replayed"))
		}
	}
	if n := countRows(t, env, "SELECT count(*) FROM persons WHERE last_name = 'Schlüssel'"); n != 2 {
		t.Fatalf("%d persons, want one per user", n)
	}
}
