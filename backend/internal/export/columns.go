package export

import (
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/tabular"
	"github.com/1sales/app/shared/api"
)

// words are the words an export writes for people, in one language: the headers (the UI's words for the fields,
// frontend/src/i18n), the values that are words (statuses, salutations, yes and no), the file's name.
type words struct {
	locale   tabular.Locale
	headers  map[api.ExportColumn]string
	yes, no  string
	statuses map[string]string
	salut    map[api.Salutation]string
	// plural names the file and the sheet (api.ExportTitles).
	plural map[api.RecordType]string
}

var languages = map[api.Language]words{
	api.LanguageDE: {
		locale: tabular.German, yes: "Ja", no: "Nein",
		headers: map[api.ExportColumn]string{
			api.ColSalutation: "Anrede", api.ColTitle: "Titel", api.ColFirstName: "Vorname", api.ColLastName: "Nachname",
			api.ColJobTitle: "Position", api.ColEmails: "E-Mail-Adressen", api.ColPhones: "Telefonnummern",
			api.ColStreet: "Straße", api.ColPostalCode: "PLZ", api.ColCity: "Ort", api.ColCountry: "Land",
			api.ColOrganizations: "Organisationen", api.ColOwner: "Besitzer", api.ColCreatedAt: "Angelegt am",
			api.ColUpdatedAt: "Zuletzt geändert am", api.ColName: "Name", api.ColIndustry: "Branche",
			api.ColEmail: "E-Mail-Adresse", api.ColPhone: "Telefon", api.ColWebsite: "Website", api.ColValue: "Wert",
			api.ColCurrency: "Währung", api.ColPipeline: "Pipeline", api.ColStage: "Phase",
			api.ColProbability: "Wahrscheinlichkeit", api.ColStatus: "Status",
			api.ColExpectedCloseDate: "Erwarteter Abschluss", api.ColPerson: "Person", api.ColOrganization: "Organisation",
			api.ColLostReason: "Verlustgrund", api.ColLostComment: "Kommentar zum Verlust",
			api.ColClosedAt: "Abgeschlossen am", api.ColPersonName: "Ansprechpartner", api.ColCompany: "Firma",
			api.ColSource: "Quelle", api.ColConvertedAt: "Konvertiert am", api.ColType: "Typ", api.ColDueAt: "Fällig",
			api.ColDuration: "Dauer (Minuten)", api.ColDone: "Erledigt", api.ColDoneAt: "Erledigt am",
			api.ColAssignee: "Zuständig", api.ColDeal: "Deal", api.ColLead: "Lead", api.ColComment: "Kommentar",
		},
		statuses: map[string]string{"open": "Offen", "won": "Gewonnen", "lost": "Verloren", "converted": "Konvertiert"},
		salut:    map[api.Salutation]string{api.SalutationHerr: "Herr", api.SalutationFrau: "Frau", api.SalutationDivers: "Divers"},
		plural:   api.ExportTitles[api.LanguageDE],
	},
	api.LanguageEN: {
		locale: tabular.English, yes: "Yes", no: "No",
		headers: map[api.ExportColumn]string{
			api.ColSalutation: "Salutation", api.ColTitle: "Title", api.ColFirstName: "First name", api.ColLastName: "Last name",
			api.ColJobTitle: "Position", api.ColEmails: "E-mail addresses", api.ColPhones: "Phone numbers",
			api.ColStreet: "Street", api.ColPostalCode: "Postcode", api.ColCity: "City", api.ColCountry: "Country",
			api.ColOrganizations: "Organisations", api.ColOwner: "Owner", api.ColCreatedAt: "Created on",
			api.ColUpdatedAt: "Last changed on", api.ColName: "Name", api.ColIndustry: "Industry",
			api.ColEmail: "E-mail address", api.ColPhone: "Phone", api.ColWebsite: "Website", api.ColValue: "Value",
			api.ColCurrency: "Currency", api.ColPipeline: "Pipeline", api.ColStage: "Stage",
			api.ColProbability: "Probability", api.ColStatus: "Status",
			api.ColExpectedCloseDate: "Expected close", api.ColPerson: "Person", api.ColOrganization: "Organisation",
			api.ColLostReason: "Lost reason", api.ColLostComment: "Comment on the loss",
			api.ColClosedAt: "Closed on", api.ColPersonName: "Contact person", api.ColCompany: "Company",
			api.ColSource: "Source", api.ColConvertedAt: "Converted on", api.ColType: "Type", api.ColDueAt: "Due",
			api.ColDuration: "Duration (minutes)", api.ColDone: "Done", api.ColDoneAt: "Done on",
			api.ColAssignee: "Assignee", api.ColDeal: "Deal", api.ColLead: "Lead", api.ColComment: "Comment",
		},
		statuses: map[string]string{"open": "Open", "won": "Won", "lost": "Lost", "converted": "Converted"},
		salut:    map[api.Salutation]string{api.SalutationHerr: "Mr", api.SalutationFrau: "Ms", api.SalutationDivers: "Mx"},
		plural:   api.ExportTitles[api.LanguageEN],
	},
}

// row is what the cells of one row are made with: the language's words and the names of the tenant's pipelines
// (lists carry a record's pipeline by its ID).
type row struct {
	w         *words
	pipelines map[string]string
}

func (r row) yesNo(b bool) tabular.Cell {
	if b {
		return tabular.Text(r.w.yes)
	}
	return tabular.Text(r.w.no)
}

func (r row) status(s string) tabular.Cell { return tabular.Text(r.w.statuses[s]) }

func (r row) pipeline(id string) tabular.Cell { return tabular.Text(r.pipelines[id]) }

// custom is the cell of a custom field's value (canonical text): numbers as numbers, yes/no as words.
func (r row) custom(kind api.FieldKind, v string) tabular.Cell {
	switch {
	case v == "":
		return tabular.Cell{}
	case kind == api.FieldKindNumber:
		return tabular.Number(v)
	case kind == api.FieldKindBool:
		return r.yesNo(v == "true")
	}
	return tabular.Text(v)
}

// cellFunc makes one column's cell of a record of wire type W.
type cellFunc[W any] func(r row, x *W) tabular.Cell

func text[W any](f func(*W) string) cellFunc[W] {
	return func(_ row, x *W) tabular.Cell { return tabular.Text(f(x)) }
}

func moment[W any](f func(*W) time.Time) cellFunc[W] {
	return func(_ row, x *W) tabular.Cell { return tabular.DateTime(f(x)) }
}

func maybeMoment[W any](f func(*W) *time.Time) cellFunc[W] {
	return func(_ row, x *W) tabular.Cell {
		if t := f(x); t != nil {
			return tabular.DateTime(*t)
		}
		return tabular.Cell{}
	}
}

// joined writes several values in one cell, separated by "; " (a re-import splits them there).
func joined[T any](items []T, value func(T) string) string {
	parts := make([]string, 0, len(items))
	for _, it := range items {
		if v := value(it); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "; ")
}

// address gives the four address columns of a wire type with an api.Address.
func address[W any](f func(*W) api.Address) map[api.ExportColumn]cellFunc[W] {
	return map[api.ExportColumn]cellFunc[W]{
		api.ColStreet:     text(func(x *W) string { return f(x).Street }),
		api.ColPostalCode: text(func(x *W) string { return f(x).PostalCode }),
		api.ColCity:       text(func(x *W) string { return f(x).City }),
		api.ColCountry:    text(func(x *W) string { return f(x).Country }),
	}
}

// stamps gives the created and changed columns.
func stamps[W any](created, updated func(*W) time.Time) map[api.ExportColumn]cellFunc[W] {
	return map[api.ExportColumn]cellFunc[W]{api.ColCreatedAt: moment(created), api.ColUpdatedAt: moment(updated)}
}

func with[W any](m map[api.ExportColumn]cellFunc[W], more ...map[api.ExportColumn]cellFunc[W]) map[api.ExportColumn]cellFunc[W] {
	for _, o := range more {
		for k, v := range o {
			m[k] = v
		}
	}
	return m
}

var personColumns = with(map[api.ExportColumn]cellFunc[api.Person]{
	api.ColSalutation: func(r row, p *api.Person) tabular.Cell { return tabular.Text(r.w.salut[p.Salutation]) },
	api.ColTitle:      text(func(p *api.Person) string { return p.Title }),
	api.ColFirstName:  text(func(p *api.Person) string { return p.FirstName }),
	api.ColLastName:   text(func(p *api.Person) string { return p.LastName }),
	api.ColJobTitle:   text(func(p *api.Person) string { return p.JobTitle }),
	api.ColEmails: text(func(p *api.Person) string {
		return joined(p.Emails, func(c api.ContactPoint) string { return c.Value })
	}),
	api.ColPhones: text(func(p *api.Person) string {
		return joined(p.Phones, func(c api.ContactPoint) string { return c.Value })
	}),
	// The organisations the reader may see (the list names no other), the main one first.
	api.ColOrganizations: text(func(p *api.Person) string {
		return joined(p.Organizations, func(m api.Membership) string { return m.OrganizationName })
	}),
	api.ColOwner: text(func(p *api.Person) string { return p.OwnerName }),
}, address(func(p *api.Person) api.Address { return p.Address }),
	stamps(func(p *api.Person) time.Time { return p.CreatedAt }, func(p *api.Person) time.Time { return p.UpdatedAt }))

var organizationColumns = with(map[api.ExportColumn]cellFunc[api.Organization]{
	api.ColName:     text(func(o *api.Organization) string { return o.Name }),
	api.ColIndustry: text(func(o *api.Organization) string { return o.Industry }),
	api.ColEmail:    text(func(o *api.Organization) string { return o.Email }),
	api.ColPhone:    text(func(o *api.Organization) string { return o.Phone }),
	api.ColWebsite:  text(func(o *api.Organization) string { return o.Website }),
	api.ColOwner:    text(func(o *api.Organization) string { return o.OwnerName }),
}, address(func(o *api.Organization) api.Address { return o.Address }),
	stamps(func(o *api.Organization) time.Time { return o.CreatedAt }, func(o *api.Organization) time.Time { return o.UpdatedAt }))

// A linked record the reader may not see is in the list without a name (personHidden and the like): its column
// is empty.
var dealColumns = with(map[api.ExportColumn]cellFunc[api.Deal]{
	api.ColTitle:       text(func(d *api.Deal) string { return d.Title }),
	api.ColValue:       func(_ row, d *api.Deal) tabular.Cell { return tabular.Money(d.Value) },
	api.ColCurrency:    text(func(d *api.Deal) string { return d.Currency }),
	api.ColPipeline:    func(r row, d *api.Deal) tabular.Cell { return r.pipeline(d.PipelineID) },
	api.ColStage:       text(func(d *api.Deal) string { return d.StageName }),
	api.ColProbability: func(_ row, d *api.Deal) tabular.Cell { return tabular.Int(d.Probability) },
	api.ColStatus:      func(r row, d *api.Deal) tabular.Cell { return r.status(string(d.Status)) },
	api.ColExpectedCloseDate: func(_ row, d *api.Deal) tabular.Cell {
		day, err := time.Parse("2006-01-02", d.ExpectedCloseDate)
		if err != nil {
			return tabular.Cell{}
		}
		return tabular.Date(day)
	},
	api.ColPerson:       text(func(d *api.Deal) string { return d.PersonName }),
	api.ColOrganization: text(func(d *api.Deal) string { return d.OrganizationName }),
	api.ColOwner:        text(func(d *api.Deal) string { return d.OwnerName }),
	api.ColLostReason:   text(func(d *api.Deal) string { return d.LostReasonName }),
	api.ColLostComment:  text(func(d *api.Deal) string { return d.LostComment }),
	api.ColClosedAt:     maybeMoment(func(d *api.Deal) *time.Time { return d.ClosedAt }),
}, stamps(func(d *api.Deal) time.Time { return d.CreatedAt }, func(d *api.Deal) time.Time { return d.UpdatedAt }))

var leadColumns = with(map[api.ExportColumn]cellFunc[api.Lead]{
	api.ColTitle:       text(func(l *api.Lead) string { return l.Title }),
	api.ColPersonName:  text(func(l *api.Lead) string { return l.PersonName }),
	api.ColCompany:     text(func(l *api.Lead) string { return l.Company }),
	api.ColEmail:       text(func(l *api.Lead) string { return l.Email }),
	api.ColPhone:       text(func(l *api.Lead) string { return l.Phone }),
	api.ColSource:      text(func(l *api.Lead) string { return l.Source }),
	api.ColPipeline:    func(r row, l *api.Lead) tabular.Cell { return r.pipeline(l.PipelineID) },
	api.ColStage:       text(func(l *api.Lead) string { return l.StageName }),
	api.ColStatus:      func(r row, l *api.Lead) tabular.Cell { return r.status(string(l.Status)) },
	api.ColOwner:       text(func(l *api.Lead) string { return l.OwnerName }),
	api.ColLostReason:  text(func(l *api.Lead) string { return l.LostReasonName }),
	api.ColLostComment: text(func(l *api.Lead) string { return l.LostComment }),
	api.ColConvertedAt: maybeMoment(func(l *api.Lead) *time.Time { return l.ConvertedAt }),
}, address(func(l *api.Lead) api.Address { return l.Address }),
	stamps(func(l *api.Lead) time.Time { return l.CreatedAt }, func(l *api.Lead) time.Time { return l.UpdatedAt }))

var activityColumns = with(map[api.ExportColumn]cellFunc[api.Activity]{
	api.ColTitle:        text(func(x *api.Activity) string { return x.Title }),
	api.ColType:         text(func(x *api.Activity) string { return x.TypeName }),
	api.ColDueAt:        moment(func(x *api.Activity) time.Time { return x.DueAt }),
	api.ColDuration:     func(_ row, x *api.Activity) tabular.Cell { return tabular.Int(x.DurationMinutes) },
	api.ColDone:         func(r row, x *api.Activity) tabular.Cell { return r.yesNo(x.Done) },
	api.ColDoneAt:       maybeMoment(func(x *api.Activity) *time.Time { return x.DoneAt }),
	api.ColAssignee:     text(func(x *api.Activity) string { return x.AssigneeName }),
	api.ColPerson:       text(func(x *api.Activity) string { return x.PersonName }),
	api.ColOrganization: text(func(x *api.Activity) string { return x.OrganizationName }),
	api.ColDeal:         text(func(x *api.Activity) string { return x.DealTitle }),
	api.ColLead:         text(func(x *api.Activity) string { return x.LeadTitle }),
	api.ColComment:      text(func(x *api.Activity) string { return x.Comment }),
}, stamps(func(x *api.Activity) time.Time { return x.CreatedAt }, func(x *api.Activity) time.Time { return x.UpdatedAt }))

// fileName is the export's file name: the list and the day (Europe/Berlin), "Personen-2026-12-07.xlsx".
func fileName(w *words, rt api.RecordType, format api.ExportFormat, now time.Time, zone *time.Location) string {
	return w.plural[rt] + "-" + now.In(zone).Format("2006-01-02") + "." + string(format)
}

// validFieldID reports whether s is a custom field's ID as columns name it.
func validFieldID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil
}
