import { fieldLabelsDe } from './fields.de';
import { mapsFieldsDe } from './maps.de';
import { importFieldsDe } from './imports.de';
import { documentErrorsDe, documentNetworkErrorsDe } from './documents.de';
import { exportErrorsDe } from './exports.de';
import { opsErrorsDe, opsFieldsDe } from './ops.de';
import { supportErrorsDe, supportFieldsDe } from './support.de';
import { ssoAuthErrorsDe, ssoFieldCodesDe, ssoFieldsDe } from './sso.de';
import { twoFactorFieldsDe } from './twofactor.de';
import { inviteErrorsDe, inviteFieldsDe } from './invite.de';

/** German texts of error codes, field names and field codes the server sends (with the features' own pieces) (assembled in index.ts). */
export const codesDe = {
  errors: {
    ...documentErrorsDe,
    ...exportErrorsDe,
    ...opsErrorsDe,
    ...supportErrorsDe,
    ...inviteErrorsDe,
    title: 'Fehler',
    generic: 'Es ist ein unerwarteter Fehler aufgetreten.',
    withCode: 'Es ist ein unerwarteter Fehler aufgetreten ({{code}}).',
    httpStatus: 'Der Server hat unerwartet geantwortet (HTTP {{status}}). Ist die Server-Adresse richtig?',
    requestId: 'Fehlernummer für den Support: {{requestId}}',
    loadFailed: 'Die Daten konnten nicht geladen werden.',
    request: {
      malformed_json: 'Die Anfrage war fehlerhaft. Bitte wenden Sie sich an den Support.',
      unknown_field: 'Die Anfrage enthielt ein unbekanntes Feld. Bitte wenden Sie sich an den Support.',
      body_too_large: 'Die Daten sind zu groß.',
      unsupported_media_type: 'Die Anfrage hatte ein nicht unterstütztes Format. Bitte wenden Sie sich an den Support.',
      method_not_allowed: 'Diese Aktion wird vom Server nicht unterstützt.',
      timeout: 'Der Server hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.',
      aborted: 'Die Verbindung wurde unterbrochen, bevor die Anfrage vollständig war. Bitte versuchen Sie es erneut.',
      rate_limited: 'Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es gleich noch einmal.',
    },
    intake: {
      source_paused: 'Diese Lead-Quelle ist pausiert; ihre Lieferungen werden abgewiesen.',
      signature_invalid: 'Die Signatur der Lieferung fehlt, ist falsch oder veraltet.',
    },
    import: {
      file_invalid: 'Diese Datei kann nicht importiert werden.',
      state:
        'Der Import ist dafür nicht im passenden Stand (schon gestartet, noch in Arbeit oder schon rückgängig gemacht).',
    },
    validation: {
      failed: 'Bitte prüfen Sie Ihre Eingaben.',
    },
    auth: {
      unauthenticated: 'Sie sind nicht mehr angemeldet. Bitte melden Sie sich erneut an.',
      invalid_credentials: 'E-Mail-Adresse oder Passwort ist falsch.',
      throttled: 'Zu viele Anmeldeversuche. Bitte versuchen Sie es später erneut.',
      busy: 'Der Server prüft gerade sehr viele Anmeldungen. Bitte versuchen Sie es in ein paar Sekunden erneut.',
      token_invalid: 'Ihre Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.',
      refresh_token_reused: 'Ihre Anmeldung wurde aus Sicherheitsgründen beendet. Bitte melden Sie sich erneut an.',
      wrong_password: 'Das aktuelle Passwort ist falsch.',
      ...ssoAuthErrorsDe,
      challenge_invalid:
        'Die Anmeldung ist abgelaufen oder wurde zu oft mit falschem Code versucht. Bitte melden Sie sich erneut an.',
      two_factor_required: 'Ihr Unternehmen schreibt die Zwei-Faktor-Anmeldung vor; sie lässt sich nicht ausschalten.',
    },
    access: {
      forbidden: 'Dafür fehlt Ihnen die Berechtigung.',
    },
    resource: {
      not_found: 'Der Datensatz wurde nicht gefunden. Möglicherweise wurde er inzwischen gelöscht.',
      conflict: 'Die Aktion ist im aktuellen Zustand des Datensatzes nicht möglich.',
    },
    precondition: {
      required: 'Die Änderung konnte nicht zugeordnet werden. Bitte laden Sie die Daten neu.',
      version_mismatch:
        'Der Datensatz wurde inzwischen von jemand anderem geändert. Die Daten wurden neu geladen – bitte prüfen Sie Ihre Eingaben und speichern Sie erneut.',
    },
    idempotency: {
      key_reused: 'Die Anfrage wurde bereits mit anderen Daten gesendet. Bitte versuchen Sie es erneut.',
      in_progress: 'Die Anfrage wird noch bearbeitet. Bitte warten Sie einen Moment.',
    },
    person: {
      duplicate_email: 'Es gibt bereits eine Person mit dieser E-Mail-Adresse.',
    },
    pipeline: {
      limit_reached:
        'Ihr Tarif erlaubt keine weiteren Pipelines. Bitte löschen Sie eine nicht mehr benötigte Pipeline oder wechseln Sie den Tarif.',
    },
    stage: {
      in_use: 'In einer entfernten Phase liegen noch Einträge. Bitte wählen Sie, wohin sie verschoben werden.',
    },
    internal: 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
    service: {
      unavailable: 'Der Server ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später erneut.',
    },
    storage: {
      unavailable:
        'Der Dokumentenspeicher ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut.',
    },
    network: {
      unreachable: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Server-Adresse und Ihre Netzwerkverbindung.',
      ...documentNetworkErrorsDe,
    },
    secrets: {
      unavailable:
        'Der Schlüsselbund Ihres Systems ist nicht erreichbar; die gespeicherte Anmeldung konnte nicht aktualisiert werden.',
    },
    settings: {
      unavailable: 'Die Einstellungen konnten nicht gespeichert werden.',
    },
  },
  fieldLabels: { ...fieldLabelsDe, ...supportFieldsDe, ...ssoFieldsDe, ...twoFactorFieldsDe, ...inviteFieldsDe },
  fields: {
    ...opsFieldsDe,
    ...ssoFieldCodesDe,
    required: 'Bitte füllen Sie dieses Feld aus.',
    invalid: 'Dieser Wert ist ungültig.',
    too_long: 'Die Eingabe ist zu lang.',
    too_short: 'Die Eingabe ist zu kurz.',
    taken: 'Dieser Wert ist bereits vergeben.',
    unknown: 'Dieses Feld ist unbekannt.',
    not_found: 'Der gewählte Eintrag existiert nicht mehr.',
    type: 'Dieser Wert hat das falsche Format.',
    in_use: 'Der Eintrag wird noch verwendet.',
    cycle: 'Eine Einheit kann nicht unter sich selbst oder eine ihrer Untereinheiten verschoben werden.',
    wrong_password: 'Das aktuelle Passwort ist falsch.',
    wrong_code: 'Der Code stimmt nicht (oder wurde schon verwendet).',
    duplicate: 'Dieser Wert ist bereits vorhanden.',
    forbidden: 'Diese Auswahl ist Ihnen nicht erlaubt.',
    range: 'Dieser Wert liegt außerhalb des erlaubten Bereichs.',
    limit: 'Die Höchstzahl ist erreicht.',
    common: 'Dieser Wert ist zu verbreitet und leicht zu erraten.',
    control_character:
      'Die Eingabe enthält unzulässige Zeichen (Steuerzeichen, Zeichen zur Umkehr der Schreibrichtung oder ungültige Zeichen). Bitte entfernen Sie sie.',
    no_position:
      'Für diesen Eintrag ist noch keine Position bekannt (die Adresse fehlt, wird noch gesucht oder wurde nicht gefunden).',
    not_geocoded: 'Die Adresse wurde noch nicht auf der Karte gesucht.',
    quota: 'Ihr Speicherplatz reicht dafür nicht aus.',
    too_large: 'Die Datei ist größer, als der Server annimmt.',
    incomplete: 'Die Übertragung wurde unterbrochen. Bitte versuchen Sie es erneut.',
    mismatch: 'Der Inhalt passt nicht zum angegebenen Dateityp.',
    length_required: 'Die Größe der Datei war nicht bekannt.',
    unreadable: 'Die Datei konnte nicht gelesen werden.',
    unwritable: 'Die Datei konnte nicht gespeichert werden.',
    empty: 'Die Datei ist leer.',
    no_rows: 'Die Datei hat nur eine Kopfzeile und keine Daten.',
    ambiguous: 'Mehrere Einträge passen dazu; die Angabe ist nicht eindeutig.',
    columns: 'Die Zeile hat mehr Werte, als die Kopfzeile Spalten hat.',
    fallback: 'Ungültige Eingabe ({{code}}).',
    /** A field error where it is not next to its field: "Kundennummer: Bitte füllen Sie dieses Feld aus." */
    named: '{{field}}: {{text}}',
    /** A field of one part of a lead's conversion: "Organisation – Kundennummer". */
    part: '{{part}} – {{field}}',
    /** Texts for one field, where the general text would be vague. */
    specific: {
      /** The value of a deal (the only field named so; a negative amount is out of range). */
      value: {
        range: 'Der Wert darf nicht negativ sein.',
      },
      ...mapsFieldsDe,
      ...importFieldsDe,
      email: {
        duplicate: 'An diese Adresse ist schon eine Einladung offen.',
        invalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
        taken: 'Diese E-Mail-Adresse wird bereits verwendet.',
      },
      serverUrl: {
        invalid: 'Bitte geben Sie eine vollständige Adresse ein, z. B. https://crm.ihre-firma.de.',
      },
      password: {
        too_short: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
        common:
          'Dieses Passwort gehört zu den häufigsten und ist leicht zu erraten (auch mit angehängten Ziffern oder Zeichen). Bitte wählen Sie ein anderes.',
      },
      newPassword: {
        too_short: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
        common:
          'Dieses Passwort gehört zu den häufigsten und ist leicht zu erraten (auch mit angehängten Ziffern oder Zeichen). Bitte wählen Sie ein anderes.',
      },
      name: {
        taken: 'Dieser Name wird bereits verwendet.',
      },
      label: {
        taken: 'Es gibt bereits ein Feld mit dieser Bezeichnung.',
      },
      lastName: {
        required: 'Bitte geben Sie einen Namen oder eine E-Mail-Adresse ein.',
      },
      emails: {
        duplicate: 'Eine andere Person hat bereits diese E-Mail-Adresse.',
        value: {
          invalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.',
        },
      },
      phones: {
        value: {
          invalid: 'Bitte geben Sie eine gültige Telefonnummer ein (Ziffern, Leerzeichen und + ( ) / - .).',
        },
      },
      address: {
        country: {
          invalid: 'Bitte wählen Sie ein Land aus der Liste.',
        },
      },
      ownerId: {
        invalid: 'Bitte wählen Sie einen Besitzer aus der Liste.',
        not_found: 'Dieser Benutzer existiert nicht mehr.',
        forbidden: 'Diesem Benutzer dürfen Sie keine Datensätze zuweisen.',
      },
      custom: {
        type: 'Dieser Wert passt nicht zum Typ des Feldes.',
        unknown: 'Dieses Feld gibt es nicht mehr. Bitte schließen Sie das Formular und öffnen Sie es erneut.',
      },
    },
  },
} as const;
