// Package fieldname knows the names that files, forms and other systems give to the fields of a CRM record, in
// German and English: one table of header names per field, which the lead intake's default mapping and the
// import's column matching both read. Names are compared by Norm, so "E-Mail", "email" and "e_mail" are one name.
package fieldname

import "strings"

// Field is what a named column or delivered field holds, before any record type gives it a target: "Firma" is a
// person's organisation, a lead's company and an organisation's name.
type Field string

// The fields.
const (
	Salutation Field = "salutation"
	// Title is an academic title ("Dr.") in a person file, the title of a deal or lead elsewhere.
	Title      Field = "title"
	FullName   Field = "fullName"
	FirstName  Field = "firstName"
	LastName   Field = "lastName"
	JobTitle   Field = "jobTitle"
	Company    Field = "company"
	Email      Field = "email"
	Phone      Field = "phone"
	Mobile     Field = "mobile"
	Street     Field = "street"
	PostalCode Field = "postalCode"
	City       Field = "city"
	Country    Field = "country"
	Website    Field = "website"
	Industry   Field = "industry"
	Owner      Field = "owner"
	Source     Field = "source"
	Value      Field = "value"
	Currency   Field = "currency"
	CloseDate  Field = "closeDate"
	Pipeline   Field = "pipeline"
	Stage      Field = "stage"
	Person     Field = "person"
)

// names are the names of each field, the common German ones first. They include the headers of 1sales' own
// exports (export.languages: "E-Mail-Adressen", "Organisationen"), so that an exported list imports again.
var names = []struct {
	field Field
	names []string
}{
	{Salutation, []string{"Anrede", "salutation"}},
	{Title, []string{"Titel", "title", "Betreff", "subject"}},
	{FullName, []string{"Name", "Ansprechpartner", "Kontakt", "contact", "full_name", "Kontaktperson", "contact_name", "contact_person"}},
	{FirstName, []string{"Vorname", "first_name", "given_name"}},
	{LastName, []string{"Nachname", "last_name", "Familienname", "surname", "family_name"}},
	{JobTitle, []string{"Position", "Funktion", "Berufsbezeichnung", "job_title", "job", "role"}},
	{Company, []string{"Firma", "Unternehmen", "Organisation", "Firmenname", "company", "organization", "account",
		"Organisationen", "organisations", "organizations"}},
	{Email, []string{"E-Mail", "mail", "E-Mail-Adresse", "email_address", "E-Mail-Adressen", "email_addresses", "emails"}},
	{Phone, []string{"Telefon", "phone", "Tel", "Telefonnummer", "phone_number", "Festnetz", "Telefonnummern", "phone_numbers", "phones"}},
	{Mobile, []string{"Mobil", "Handy", "Mobiltelefon", "mobile", "cell", "mobile_phone"}},
	{Street, []string{"Straße", "street", "Adresse", "address", "Anschrift", "Strasse_Hausnummer", "street_address"}},
	{PostalCode, []string{"PLZ", "Postleitzahl", "postal_code", "zip", "zip_code", "postcode"}},
	{City, []string{"Ort", "Stadt", "city", "Wohnort", "town"}},
	{Country, []string{"Land", "country"}},
	{Website, []string{"Website", "Webseite", "Homepage", "Internet", "web", "url"}},
	{Industry, []string{"Branche", "industry", "sector"}},
	{Owner, []string{"Besitzer", "Betreuer", "Verantwortlich", "Zuständig", "Vertriebsmitarbeiter", "owner", "account_owner", "sales_rep"}},
	{Source, []string{"Quelle", "source", "Herkunft", "lead_source"}},
	{Value, []string{"Wert", "Betrag", "Volumen", "value", "amount", "deal_value"}},
	{Currency, []string{"Währung", "currency"}},
	{CloseDate, []string{"Abschlussdatum", "erwarteter Abschluss", "Abschluss", "close_date", "expected_close_date", "expected_close"}},
	{Pipeline, []string{"Pipeline"}},
	{Stage, []string{"Phase", "Stufe", "stage"}},
	{Person, []string{"Person", "Kontakt E-Mail", "contact_email", "person_email"}},
}

// byName indexes names by their normalised form.
var byName = func() map[string]Field {
	out := map[string]Field{}
	for _, n := range names {
		for _, name := range n.names {
			if _, dup := out[Norm(name)]; dup {
				panic("fieldname: " + name + " names two fields")
			}
			out[Norm(name)] = n.field
		}
	}
	return out
}()

// Norm is a name as the tables compare it: lower case, umlauts spelled out, without spaces, "-", "_" and ".".
func Norm(s string) string {
	return normReplacer.Replace(strings.ToLower(strings.TrimSpace(s)))
}

// normReplacer is built once (a replacer is read-only and safe for concurrent use): a delivery of 500 leads
// normalises every field name of every lead, and building it per call was a tenth of the delivery's CPU.
var normReplacer = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", " ", "", "-", "", "_", "", ".", "")

// Match finds the field a name stands for.
func Match(name string) (Field, bool) {
	f, ok := byName[Norm(name)]
	return f, ok
}

// Names lists the names of a field, the common German one first.
func Names(f Field) []string {
	for _, n := range names {
		if n.field == f {
			return append([]string(nil), n.names...)
		}
	}
	return nil
}
