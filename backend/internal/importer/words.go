package importer

import "github.com/1sales/app/shared/api"

// The failed-rows file says why each row failed in words, in the user's language (the desktop sends it): the
// target's name and what is wrong. These are the only texts the backend writes for people; the UI's own texts for
// the same codes are in frontend/src/i18n. TestEveryTargetAndCodeHasWords keeps both languages complete.

type wordSet struct {
	column, suffix string
	targets        map[string]string
	codes          map[api.FieldCode]string
}

var texts = map[string]wordSet{
	"de": {column: "Fehler", suffix: "Fehler", targets: map[string]string{
		rowKey: "Zeile", string(api.TargetIgnore): "Nicht importieren", string(api.TargetSalutation): "Anrede",
		string(api.TargetTitle): "Titel", string(api.TargetFirstName): "Vorname", string(api.TargetLastName): "Nachname",
		string(api.TargetFullName): "Name", string(api.TargetJobTitle): "Position", string(api.TargetEmail): "E-Mail",
		string(api.TargetPhone): "Telefon", string(api.TargetMobile): "Mobil", string(api.TargetStreet): "Straße",
		string(api.TargetPostalCode): "PLZ", string(api.TargetCity): "Ort", string(api.TargetCountry): "Land",
		string(api.TargetOwner): "Besitzer", string(api.TargetOrganization): "Organisation",
		string(api.TargetOrgStreet): "Organisation Straße", string(api.TargetOrgPostalCode): "Organisation PLZ",
		string(api.TargetOrgCity): "Organisation Ort", string(api.TargetOrgCountry): "Organisation Land",
		string(api.TargetOrgPhone): "Organisation Telefon", string(api.TargetOrgEmail): "Organisation E-Mail",
		string(api.TargetOrgWebsite): "Organisation Website", string(api.TargetOrgIndustry): "Organisation Branche",
		string(api.TargetName): "Name", string(api.TargetWebsite): "Website", string(api.TargetIndustry): "Branche",
		string(api.TargetValue): "Wert", string(api.TargetCurrency): "Währung",
		string(api.TargetExpectedCloseDate): "Erwarteter Abschluss", string(api.TargetPerson): "Person",
		string(api.TargetPipeline): "Pipeline", string(api.TargetStage): "Phase", string(api.TargetCompany): "Firma",
		string(api.TargetSource): "Quelle"},
		codes: map[api.FieldCode]string{
			api.FieldRequired: "fehlt", api.FieldInvalid: "ungültig", api.FieldTooLong: "zu lang", api.FieldTooShort: "zu kurz",
			api.FieldTaken: "schon vergeben", api.FieldUnknown: "unbekannt", api.FieldNotFound: "nicht gefunden",
			api.FieldType: "keine gültige Angabe dieses Typs (Zahl, Ja/Nein)", api.FieldInUse: "wird verwendet",
			api.FieldCycle: "Zyklus", api.FieldWrongPassword: "falsches Passwort", api.FieldDuplicate: "doppelt",
			api.FieldForbidden: "nicht erlaubt (außerhalb Ihrer Berechtigung)", api.FieldLimit: "zu viele",
			api.FieldRange: "außerhalb des erlaubten Bereichs", api.FieldNoPosition: "ohne Position",
			api.FieldNotGeocoded: "nicht verortet", api.FieldQuota: "Speicherplatz erschöpft", api.FieldTooLarge: "zu groß",
			api.FieldIncomplete: "unvollständig", api.FieldMismatch: "passt nicht", api.FieldLengthNeeded: "Länge fehlt",
			api.FieldCommon: "zu häufig", api.FieldControlCharacter: "enthält unzulässige Steuerzeichen",
			api.FieldEmpty: "leer", api.FieldNoRows: "keine Zeilen", api.FieldAmbiguous: "mehrdeutig (mehrere Treffer)",
			api.FieldColumns: "mehr Werte als Spalten", api.FieldUnreadable: "nicht lesbar",
			api.FieldUnwritable: "nicht schreibbar", api.FieldInsecure: "unverschlüsselt (nur https://)",
			api.FieldNoCertificate: "kein Zertifikat", api.FieldNoSSO: "kein Single Sign-on für die Domain",
			api.FieldUnreachable: "nicht erreichbar", api.FieldWrongCode: "falscher Code"}},
	"en": {column: "Error", suffix: "errors", targets: map[string]string{
		rowKey: "Row", string(api.TargetIgnore): "Do not import", string(api.TargetSalutation): "Salutation",
		string(api.TargetTitle): "Title", string(api.TargetFirstName): "First name", string(api.TargetLastName): "Last name",
		string(api.TargetFullName): "Name", string(api.TargetJobTitle): "Job title", string(api.TargetEmail): "E-mail",
		string(api.TargetPhone): "Phone", string(api.TargetMobile): "Mobile", string(api.TargetStreet): "Street",
		string(api.TargetPostalCode): "Postal code", string(api.TargetCity): "City", string(api.TargetCountry): "Country",
		string(api.TargetOwner): "Owner", string(api.TargetOrganization): "Organisation",
		string(api.TargetOrgStreet): "Organisation street", string(api.TargetOrgPostalCode): "Organisation postal code",
		string(api.TargetOrgCity): "Organisation city", string(api.TargetOrgCountry): "Organisation country",
		string(api.TargetOrgPhone): "Organisation phone", string(api.TargetOrgEmail): "Organisation e-mail",
		string(api.TargetOrgWebsite): "Organisation website", string(api.TargetOrgIndustry): "Organisation industry",
		string(api.TargetName): "Name", string(api.TargetWebsite): "Website", string(api.TargetIndustry): "Industry",
		string(api.TargetValue): "Value", string(api.TargetCurrency): "Currency",
		string(api.TargetExpectedCloseDate): "Expected close", string(api.TargetPerson): "Person",
		string(api.TargetPipeline): "Pipeline", string(api.TargetStage): "Stage", string(api.TargetCompany): "Company",
		string(api.TargetSource): "Source"},
		codes: map[api.FieldCode]string{
			api.FieldRequired: "missing", api.FieldInvalid: "invalid", api.FieldTooLong: "too long", api.FieldTooShort: "too short",
			api.FieldTaken: "already taken", api.FieldUnknown: "unknown", api.FieldNotFound: "not found",
			api.FieldType: "not a valid value of its type (number, yes/no)", api.FieldInUse: "in use", api.FieldCycle: "cycle",
			api.FieldWrongPassword: "wrong password", api.FieldDuplicate: "duplicate",
			api.FieldForbidden: "not allowed (outside your permissions)", api.FieldLimit: "too many",
			api.FieldRange: "out of range", api.FieldNoPosition: "no position", api.FieldNotGeocoded: "not geocoded",
			api.FieldQuota: "storage quota exceeded", api.FieldTooLarge: "too large", api.FieldIncomplete: "incomplete",
			api.FieldMismatch: "does not match", api.FieldLengthNeeded: "length missing", api.FieldCommon: "too common",
			api.FieldControlCharacter: "holds control characters that are not allowed", api.FieldEmpty: "empty",
			api.FieldNoRows: "no rows", api.FieldAmbiguous: "ambiguous (several matches)",
			api.FieldColumns: "more values than columns", api.FieldUnreadable: "unreadable", api.FieldUnwritable: "unwritable",
			api.FieldInsecure: "unencrypted (https:// only)", api.FieldNoCertificate: "no certificate",
			api.FieldNoSSO: "no single sign-on for the domain", api.FieldUnreachable: "unreachable",
			api.FieldWrongCode: "wrong code"}},
}
