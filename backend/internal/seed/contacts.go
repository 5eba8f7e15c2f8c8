package seed

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/note"
	"github.com/1sales/app/backend/internal/organization"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/record"
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

// demoPersonAddresses are the addresses of the few demo persons who work away from their organisation's address;
// the others have none of their own and sit at their organisation (on the map and in the city column).
var demoPersonAddresses = map[string]api.Address{
	"s.huber@mueller-buero.example":       {Street: "Bahnhofstraße 4", PostalCode: "86150", City: "Augsburg", Country: "DE"},
	"h.petersen@nordsee-logistik.example": {Street: "Senator-Borttscheller-Straße 1", PostalCode: "27568", City: "Bremerhaven", Country: "DE"},
}

// contacts seeds demo organisations and persons (with custom fields, memberships and notes) through the
// services, so that search text and history are exactly what the app would write. It runs once per tenant.
func contacts(ctx context.Context, owner *bun.DB, log *slog.Logger) error {
	_, actors, err := demoActors(ctx, owner, "contacts", "persons")
	if err != nil || actors == nil {
		return err
	}
	users := map[string]uuid.UUID{}
	for email, a := range actors {
		users[email] = a.UserID
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
			Address:       demoPersonAddresses[p.email],
			Organizations: []api.MembershipInput{{OrganizationID: orgIDs[p.org], Role: p.role, Primary: true}},
			Custom:        api.CustomValues{newsletter.ID.String(): fmt.Sprint(p.newsletter)}})
		if err != nil {
			return fmt.Errorf("seed: person %s %s: %w", p.first, p.last, err)
		}
		if p.comment != "" {
			if _, err := notes.Create(ctx, actors[p.owner], record.MustKind(api.RecordPerson), created.ID, api.NoteCreate{Body: p.comment}); err != nil {
				return err
			}
		}
	}
	if err := salesDemo(ctx, owner, actors, users, orgIDs); err != nil {
		return err
	}
	log.Info("seed: demo contacts, deals and leads created", "organizations", len(demoOrgs), "persons", len(demoPersons),
		"deals", len(demoDeals), "leads", len(demoLeads))
	return nil
}

type demoDeal struct {
	title, value, org, owner string
	stage                    int
	closeInDays              int
}

var demoDeals = []demoDeal{
	{"Rahmenvertrag Büromaterial 2027", "18500.00", "Müller Bürobedarf GmbH", "lena.fischer@nordlicht.example", 3, 30},
	{"Multifunktionsdrucker A3 (5 Stück)", "12450.00", "Fränkische Druckerei Weiß GmbH", "lena.fischer@nordlicht.example", 2, 21},
	{"Wartungsvertrag Kopierer", "3600.00", "Alpenblick Hotel AG", "lena.fischer@nordlicht.example", 1, 45},
	{"Büroeinrichtung Neubau Hafen", "48200.00", "Schröder & Söhne KG", "jonas.schmidt@nordlicht.example", 3, 14},
	{"Kassensystem Filialen", "9800.00", "Bäckerei Groß", "jonas.schmidt@nordlicht.example", 0, 60},
	{"Dokumentenmanagement", "22000.00", "Nordsee Logistik GmbH", "sabine.wagner@nordlicht.example", 2, 40},
	{"Konferenztechnik Zentrale", "31500.00", "Rheinland Maschinenbau GmbH", "markus.weber@nordlicht.example", 4, 7},
	{"Aktenvernichter und Entsorgung", "2400.00", "Zürcher Treuhand AG", "markus.weber@nordlicht.example", 1, 90},
}

type demoLead struct {
	title, person, company, email, phone, city, postal, source, owner string
	stage                                                             int
}

var demoLeads = []demoLead{
	{"Anfrage über Website: Drucker", "Tobias Wendt", "Wendt Architekten", "t.wendt@wendt-architekten.example", "+49 40 553311", "Hamburg", "20095", "Website", "sabine.wagner@nordlicht.example", 0},
	{"Messe-Kontakt Orgatec", "Miriam Özdemir", "Özdemir Consulting", "m.oezdemir@oezdemir-consulting.example", "+49 221 778899", "Köln", "50667", "Messe", "sabine.wagner@nordlicht.example", 1},
	{"Empfehlung Katrin Müller", "Florian Bauer", "Bauer Sanitär GmbH", "f.bauer@bauer-sanitaer.example", "+49 89 445566", "München", "81369", "Empfehlung", "lena.fischer@nordlicht.example", 2},
	{"Rückruf-Wunsch Toner-Abo", "Helga Krämer", "Praxis Dr. Krämer", "praxis@dr-kraemer.example", "+49 511 220033", "Hannover", "30159", "Telefon", "jonas.schmidt@nordlicht.example", 0},
	{"Ausschreibung Schulträger", "Uwe Hoffmann", "Stadt Bremerhaven", "u.hoffmann@bremerhaven.example", "+49 471 590", "Bremerhaven", "27568", "Ausschreibung", "jonas.schmidt@nordlicht.example", 3},
}

// salesDemo seeds deals over the stages of "Bestellung auf Rechnung" and leads in the lead pipeline.
func salesDemo(ctx context.Context, owner *bun.DB, actors map[string]*access.Actor, users map[string]uuid.UUID, orgIDs map[string]string) error {
	var dealPipe, leadPipe pipeline.Pipeline
	for rt, dst := range map[api.RecordType]*pipeline.Pipeline{api.RecordDeal: &dealPipe, api.RecordLead: &leadPipe} {
		if err := owner.NewSelect().Model(dst).Relation("Stages", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("st.position") }).
			Where("pl.tenant_id = ? AND pl.record_type = ?", actors[DemoTenant().Users[0].Email].TenantID, rt).Order("pl.position").Limit(1).Scan(ctx); err != nil {
			return fmt.Errorf("seed: pipeline for %s: %w", rt, err)
		}
	}
	err := owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, d := range demoDeals {
			_, err := deal.Insert(ctx, tx, actors[d.owner], api.DealCreate{Title: d.title, Value: d.value, OwnerID: users[d.owner].String(),
				OrganizationID: orgIDs[d.org], PipelineID: dealPipe.ID.String(), StageID: dealPipe.Stages[d.stage].ID.String(),
				ExpectedCloseDate: time.Now().AddDate(0, 0, d.closeInDays).Format("2006-01-02")})
			if err != nil {
				return fmt.Errorf("seed: deal %s: %w", d.title, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	leads := lead.NewService(owner)
	for _, l := range demoLeads {
		if _, err := leads.Create(ctx, actors[l.owner], api.LeadCreate{Title: l.title, PersonName: l.person, Company: l.company, Email: l.email,
			Phone: l.phone, Address: api.Address{City: l.city, PostalCode: l.postal, Country: "DE"}, Source: l.source,
			OwnerID: users[l.owner].String(), PipelineID: leadPipe.ID.String(), StageID: leadPipe.Stages[l.stage].ID.String()}); err != nil {
			return fmt.Errorf("seed: lead %s: %w", l.title, err)
		}
	}
	return nil
}
