package seed

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/activity"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/shared/api"
)

type demoActivity struct {
	title, kind, owner, deal, comment string
	// day is the day relative to today, at hour:minute (Europe/Berlin).
	day, hour, minute, minutes int
	done                       bool
}

var demoActivities = []demoActivity{
	{"Angebot Büroeinrichtung nachfassen", "Anruf", "jonas.schmidt@nordlicht.example", "Büroeinrichtung Neubau Hafen", "Entscheidung bis Monatsende zugesagt", 0, 10, 0, 15, false},
	{"Aufmaß Neubau Hafen", "Termin vor Ort", "jonas.schmidt@nordlicht.example", "Büroeinrichtung Neubau Hafen", "", 1, 14, 0, 90, false},
	{"Preisliste an Bäckerei Groß senden", "E-Mail", "jonas.schmidt@nordlicht.example", "Kassensystem Filialen", "", -2, 9, 0, 0, false},
	{"Bedarfsanalyse Kassensystem", "Meeting", "jonas.schmidt@nordlicht.example", "Kassensystem Filialen", "Drei Filialen, Start im Frühjahr", -1, 15, 0, 60, true},
	{"Rahmenvertrag besprechen", "Anruf", "lena.fischer@nordlicht.example", "Rahmenvertrag Büromaterial 2027", "", 0, 11, 30, 30, false},
	{"Vorführung Multifunktionsdrucker", "Meeting", "lena.fischer@nordlicht.example", "Multifunktionsdrucker A3 (5 Stück)", "Vorführgerät reservieren", 3, 10, 0, 120, false},
	{"Wartungsangebot kalkulieren", "Aufgabe", "lena.fischer@nordlicht.example", "Wartungsvertrag Kopierer", "", -1, 16, 0, 0, false},
	{"Rückfrage Liefertermin", "Anruf", "lena.fischer@nordlicht.example", "Multifunktionsdrucker A3 (5 Stück)", "", -2, 13, 0, 10, true},
	{"Unterlagen Dokumentenmanagement", "E-Mail", "sabine.wagner@nordlicht.example", "Dokumentenmanagement", "", -1, 8, 30, 0, true},
	{"Demo-Termin Dokumentenmanagement", "Meeting", "sabine.wagner@nordlicht.example", "Dokumentenmanagement", "", 0, 15, 0, 60, false},
	{"Quartalsgespräch Konferenztechnik", "Meeting", "markus.weber@nordlicht.example", "Konferenztechnik Zentrale", "", 2, 9, 0, 60, false},
	{"Abnahme Konferenztechnik", "Termin vor Ort", "markus.weber@nordlicht.example", "Konferenztechnik Zentrale", "", 5, 11, 0, 120, false},
}

// closedDemo are deals won and lost this month, so the dashboard shows a result.
var closedDemo = []struct {
	title, value, org, owner string
	won                      bool
}{
	{"Toner-Abo Praxisbedarf", "1980.00", "Bäckerei Groß", "jonas.schmidt@nordlicht.example", true},
	{"Aktenschränke Verwaltung", "7350.00", "Müller Bürobedarf GmbH", "lena.fischer@nordlicht.example", true},
	{"Netzwerkdrucker Hotel", "5200.00", "Alpenblick Hotel AG", "lena.fischer@nordlicht.example", false},
}

// work seeds the demo company's activities and a few deals closed this month, unless it has activities, so
// that installations seeded before activities existed get them too.
func work(ctx context.Context, owner *bun.DB, log *slog.Logger) error {
	tenantID, actors, err := demoActors(ctx, owner, "work", "activities")
	if err != nil || actors == nil {
		return err
	}
	lookup := func(table, column, value string) (uuid.UUID, error) {
		var id uuid.UUID
		err := owner.NewRaw("SELECT id FROM ? WHERE tenant_id = ? AND ? = ? LIMIT 1", bun.Ident(table), tenantID, bun.Ident(column), value).Scan(ctx, &id)
		if err != nil {
			return id, fmt.Errorf("seed: %s %q: %w", table, value, err)
		}
		return id, nil
	}
	today := activity.StartOfDay(time.Now())
	activities := activity.NewService(owner)
	for _, d := range demoActivities {
		typeID, err := lookup("activity_types", "name", d.kind)
		if err != nil {
			return err
		}
		dealID, err := lookup("deals", "title", d.deal)
		if err != nil {
			return err
		}
		due := time.Date(today.Year(), today.Month(), today.Day()+d.day, d.hour, d.minute, 0, 0, listquery.Berlin())
		if _, err := activities.Create(ctx, actors[d.owner], api.ActivityCreate{Title: d.title, Comment: d.comment, TypeID: typeID.String(),
			DueAt: due, DurationMinutes: d.minutes, Done: d.done, AssigneeID: actors[d.owner].UserID.String(), DealID: dealID.String()}); err != nil {
			return fmt.Errorf("seed: activity %s: %w", d.title, err)
		}
	}
	pipelineID, err := lookup("pipelines", "record_type", string(api.RecordDeal))
	if err != nil {
		return err
	}
	reasonID, err := lookup("lost_reasons", "record_type", string(api.RecordDeal))
	if err != nil {
		return err
	}
	deals := deal.NewService(owner)
	for _, c := range closedDemo {
		orgID, err := lookup("organizations", "name", c.org)
		if err != nil {
			return err
		}
		a := actors[c.owner]
		created, err := deals.Create(ctx, a, api.DealCreate{Title: c.title, Value: c.value, OwnerID: a.UserID.String(),
			OrganizationID: orgID.String(), PipelineID: pipelineID.String()})
		if err != nil {
			return fmt.Errorf("seed: deal %s: %w", c.title, err)
		}
		patch := api.DealPatch{Status: ptr(api.DealWon)}
		if !c.won {
			patch = api.DealPatch{Status: ptr(api.DealLost), LostReasonID: ptr(reasonID.String()), LostComment: ptr("Mitbewerber war günstiger")}
		}
		if _, err := deals.Update(ctx, a, created.ID, created.Version, patch); err != nil {
			return fmt.Errorf("seed: close deal %s: %w", c.title, err)
		}
	}
	log.Info("seed: demo activities created", "activities", len(demoActivities), "closed deals", len(closedDemo))
	return nil
}

func ptr[T any](v T) *T { return &v }

// demoActors finds the demo company and, unless table holds rows of it already (the seed step ran), gives its
// users as admin actors with every right, by e-mail; nil actors: nothing to seed.
func demoActors(ctx context.Context, owner *bun.DB, step, table string) (uuid.UUID, map[string]*access.Actor, error) {
	var tenantID uuid.UUID
	if err := owner.NewRaw("SELECT tenant_id FROM users WHERE lower(email) = lower(?)", DemoTenant().Users[0].Email).Scan(ctx, &tenantID); err != nil {
		return tenantID, nil, fmt.Errorf("seed: %s: %w", step, err)
	}
	if n, err := owner.NewSelect().Table(table).Where("tenant_id = ?", tenantID).Count(ctx); err != nil || n > 0 {
		return tenantID, nil, err
	}
	var users []struct {
		ID    uuid.UUID `bun:"id"`
		Email string    `bun:"email"`
		Unit  uuid.UUID `bun:"unit_id"`
	}
	if err := owner.NewRaw("SELECT id, email, unit_id FROM users WHERE tenant_id = ?", tenantID).Scan(ctx, &users); err != nil {
		return tenantID, nil, err
	}
	all := role.Matrix(func(api.RecordType, api.Action) api.Scope { return api.ScopeAll })
	actors := map[string]*access.Actor{}
	for _, u := range users {
		actors[u.Email] = access.NewActor(tenantID, u.ID, uuid.Nil, u.Unit, uuid.Nil, []uuid.UUID{u.Unit}, true, all)
	}
	return tenantID, actors, nil
}
