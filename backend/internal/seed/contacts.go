package seed

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/note"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/role"
	"github.com/1sales/app/shared/api"
)

type demoOrg struct {
	name, street, postal, city, country, phone, web, industry, owner, customerNo string
	staff                                                                        string
}

type demoPerson struct {
	salutation                       api.Salutation
	title, first, last, job, email   string
	phone, org, role, owner, comment string
	newsletter                       bool
}

var demoOrgs = []demoOrg{
	{"Müller Bürobedarf GmbH", "Leopoldstraße 12", "80802", "München", "DE", "+49 89 3301 220", "mueller-buero.example", "Handel", "lena.fischer@nordlicht.example", "K-10001", "45"},
	{"Schröder & Söhne KG", "Große Elbstraße 145", "22767", "Hamburg", "DE", "+49 40 8890 12", "schroeder-soehne.example", "Logistik", "jonas.schmidt@nordlicht.example", "K-10002", "120"},
	{"Bäckerei Groß", "Kastanienallee 7", "10435", "Berlin", "DE", "+49 30 4471 90", "baeckerei-gross.example", "Lebensmittel", "jonas.schmidt@nordlicht.example", "K-10003", "18"},
	{"Fränkische Druckerei Weiß GmbH", "Fürther Straße 88", "90429", "Nürnberg", "DE", "+49 911 2740 0", "druckerei-weiss.example", "Druck", "lena.fischer@nordlicht.example", "K-10004", "64"},
	{"Alpenblick Hotel AG", "Maria-Theresien-Straße 5", "6020", "Innsbruck", "AT", "+43 512 58 11", "alpenblick.example", "Hotellerie", "lena.fischer@nordlicht.example", "K-10005", "80"},
	{"Zürcher Treuhand AG", "Bahnhofstrasse 40", "8001", "Zürich", "CH", "+41 44 211 30 30", "zuercher-treuhand.example", "Finanzen", "markus.weber@nordlicht.example", "K-10006", "35"},
	{"Nordsee Logistik GmbH", "Überseering 3", "28217", "Bremen", "DE", "+49 421 6950 0", "nordsee-logistik.example", "Logistik", "sabine.wagner@nordlicht.example", "K-10007", "230"},
	{"Rheinland Maschinenbau GmbH", "Deutz-Mülheimer Straße 30", "51063", "Köln", "DE", "+49 221 9640 0", "rheinland-mb.example", "Maschinenbau", "markus.weber@nordlicht.example", "K-10008", "410"},
}

var demoPersons = []demoPerson{
	{api.SalutationFrau, "", "Katrin", "Müller", "Geschäftsführerin", "k.mueller@mueller-buero.example", "+49 89 3301 221", "Müller Bürobedarf GmbH", "Geschäftsführung", "lena.fischer@nordlicht.example", "Entscheidet über Rahmenverträge ab 10.000 €.", true},
	{api.SalutationHerr, "", "Stefan", "Huber", "Einkaufsleiter", "s.huber@mueller-buero.example", "+49 171 4455 120", "Müller Bürobedarf GmbH", "Einkauf", "lena.fischer@nordlicht.example", "", false},
	{api.SalutationHerr, "Dr.", "Jörg", "Schröder", "Geschäftsführer", "joerg.schroeder@schroeder-soehne.example", "+49 40 8890 10", "Schröder & Söhne KG", "Inhaber", "jonas.schmidt@nordlicht.example", "Bevorzugt Termine am Vormittag.", true},
	{api.SalutationFrau, "", "Anja", "Köhler", "Office-Managerin", "a.koehler@schroeder-soehne.example", "+49 40 8890 15", "Schröder & Söhne KG", "Verwaltung", "jonas.schmidt@nordlicht.example", "", false},
	{api.SalutationHerr, "", "Mehmet", "Yılmaz", "Filialleiter", "mehmet@baeckerei-gross.example", "+49 30 4471 91", "Bäckerei Groß", "Filiale Prenzlauer Berg", "jonas.schmidt@nordlicht.example", "", true},
	{api.SalutationFrau, "", "Sophie", "Weiß", "Prokuristin", "sophie.weiss@druckerei-weiss.example", "+49 911 2740 12", "Fränkische Druckerei Weiß GmbH", "Prokura", "lena.fischer@nordlicht.example", "Interesse an Multifunktionsgeräten A3.", false},
	{api.SalutationHerr, "Mag.", "Lukas", "Gruber", "Direktor", "l.gruber@alpenblick.example", "+43 664 1234 567", "Alpenblick Hotel AG", "Direktion", "lena.fischer@nordlicht.example", "", true},
	{api.SalutationFrau, "", "Claudine", "Meier", "Partnerin", "c.meier@zuercher-treuhand.example", "+41 79 555 12 12", "Zürcher Treuhand AG", "Partnerin", "markus.weber@nordlicht.example", "", false},
	{api.SalutationHerr, "", "Hauke", "Petersen", "Disponent", "h.petersen@nordsee-logistik.example", "+49 421 6950 44", "Nordsee Logistik GmbH", "Disposition", "sabine.wagner@nordlicht.example", "Hat nach Lieferzeiten für Toner gefragt.", false},
	{api.SalutationDivers, "", "Alex", "Brandt", "IT-Administration", "alex.brandt@nordsee-logistik.example", "+49 421 6950 60", "Nordsee Logistik GmbH", "IT", "sabine.wagner@nordlicht.example", "", true},
	{api.SalutationHerr, "Prof. Dr.", "Günter", "Schäfer", "Technischer Leiter", "g.schaefer@rheinland-mb.example", "+49 221 9640 200", "Rheinland Maschinenbau GmbH", "Technik", "markus.weber@nordlicht.example", "", false},
	{api.SalutationFrau, "", "Birgit", "Lange", "Assistentin der Geschäftsführung", "b.lange@rheinland-mb.example", "+49 221 9640 201", "Rheinland Maschinenbau GmbH", "Assistenz", "markus.weber@nordlicht.example", "", true},
}

// contacts seeds demo organisations and persons (with custom fields, memberships and notes) through the
// services, so that search text and history are exactly what the app would write. It runs once per tenant.
func contacts(ctx context.Context, owner *bun.DB, log *slog.Logger) error {
	var tenantID uuid.UUID
	if err := owner.NewRaw("SELECT tenant_id FROM users WHERE lower(email) = lower(?)", DemoTenant().Users[0].Email).Scan(ctx, &tenantID); err != nil {
		return fmt.Errorf("seed: contacts: %w", err)
	}
	n, err := owner.NewSelect().Table("persons").Where("tenant_id = ?", tenantID).Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	users := map[string]uuid.UUID{}
	var rows []struct {
		ID    uuid.UUID `bun:"id"`
		Email string    `bun:"email"`
		Unit  uuid.UUID `bun:"unit_id"`
	}
	if err := owner.NewRaw("SELECT id, email, unit_id FROM users WHERE tenant_id = ?", tenantID).Scan(ctx, &rows); err != nil {
		return err
	}
	actors := map[string]*access.Actor{}
	all := role.Matrix(func(api.RecordType, api.Action) api.Scope { return api.ScopeAll })
	for _, r := range rows {
		users[r.Email] = r.ID
		actors[r.Email] = access.NewActor(tenantID, r.ID, uuid.Nil, r.Unit, uuid.Nil, []uuid.UUID{r.Unit}, true, all)
	}
	admin := actors[DemoTenant().Users[0].Email]
	fields := customfield.NewService(owner)
	customerNo, err := fields.Create(ctx, admin, api.CustomFieldCreate{RecordType: api.RecordOrganization, Label: "Kundennummer", Kind: api.FieldKindText})
	if err != nil {
		return err
	}
	staff, err := fields.Create(ctx, admin, api.CustomFieldCreate{RecordType: api.RecordOrganization, Label: "Mitarbeiterzahl", Kind: api.FieldKindNumber})
	if err != nil {
		return err
	}
	newsletter, err := fields.Create(ctx, admin, api.CustomFieldCreate{RecordType: api.RecordPerson, Label: "Newsletter", Kind: api.FieldKindBool})
	if err != nil {
		return err
	}
	orgs, persons, notes := organization.NewService(owner), person.NewService(owner), note.NewService(owner)
	orgIDs := map[string]string{}
	for _, o := range demoOrgs {
		created, err := orgs.Create(ctx, actors[o.owner], api.OrganizationCreate{Name: o.name, Phone: o.phone, Website: o.web,
			Industry: o.industry, OwnerID: users[o.owner].String(),
			Address: api.Address{Street: o.street, PostalCode: o.postal, City: o.city, Country: o.country},
			Custom:  api.CustomValues{customerNo.ID.String(): o.customerNo, staff.ID.String(): o.staff}})
		if err != nil {
			return fmt.Errorf("seed: organisation %s: %w", o.name, err)
		}
		orgIDs[o.name] = created.ID.String()
	}
	for _, p := range demoPersons {
		created, err := persons.Create(ctx, actors[p.owner], api.PersonCreate{Salutation: p.salutation, Title: p.title,
			FirstName: p.first, LastName: p.last, JobTitle: p.job, OwnerID: users[p.owner].String(),
			Emails:        []api.ContactPoint{{Value: p.email, Kind: api.ContactWork}},
			Phones:        []api.ContactPoint{{Value: p.phone, Kind: api.ContactWork}},
			Organizations: []api.MembershipInput{{OrganizationID: orgIDs[p.org], Role: p.role, Primary: true}},
			Custom:        api.CustomValues{newsletter.ID.String(): fmt.Sprint(p.newsletter)}})
		if err != nil {
			return fmt.Errorf("seed: person %s %s: %w", p.first, p.last, err)
		}
		if p.comment != "" {
			if _, err := notes.Create(ctx, actors[p.owner], person.Kind(), created.ID, api.NoteCreate{Body: p.comment}); err != nil {
				return err
			}
		}
	}
	log.Info("seed: demo contacts created", "organizations", len(demoOrgs), "persons", len(demoPersons))
	return nil
}
