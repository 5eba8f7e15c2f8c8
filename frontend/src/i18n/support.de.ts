/** German texts of Hilfe & Support and the company settings (issue 16, part 9; assembled in index.ts). */
export const supportDe = {
  support: {
    nav: 'Hilfe & Support',
    title: 'Hilfe & Support',
    about: {
      title: 'Über diese Installation',
      appVersion: 'App-Version',
      os: 'Betriebssystem',
      server: 'Server',
      serverVersion: 'Server-Version',
    },
    contact: {
      title: 'Support kontaktieren',
      address: 'Support-Adresse Ihres Unternehmens',
      copy: 'Adresse kopieren',
      copied: 'Kopiert',
      none: 'Ihr Unternehmen hat noch keine Support-Adresse hinterlegt. Eine Administratorin oder ein Administrator kann sie unter Einstellungen → Unternehmen eintragen.',
    },
    errors: {
      title: 'Letzte Fehlernummern',
      empty: 'In dieser Sitzung ist noch kein Fehler aufgetreten.',
      hint: 'Nennen Sie dem Support diese Nummern, damit er den Fehler im Server-Protokoll findet.',
      number: 'Fehlernummer',
      code: 'Fehler',
      at: 'Zeit',
    },
    form: {
      title: 'Supportanfrage senden',
      intro: 'Ihre Anfrage geht per E-Mail an {{address}}. Antworten erhalten Sie an Ihre eigene E-Mail-Adresse.',
      subject: 'Betreff (optional)',
      text: 'Ihre Nachricht',
      textPlaceholder: 'Was wollten Sie tun, und was ist passiert?',
      textRequired: 'Bitte beschreiben Sie Ihr Anliegen.',
      textTooLong: 'Bitte kürzen Sie den Text auf höchstens {{max}} Zeichen.',
      subjectTooLong: 'Bitte kürzen Sie den Betreff auf höchstens {{max}} Zeichen.',
      count: '{{count}} / {{max}} Zeichen',
      attach: 'Diagnosedaten anhängen',
      attachHint: 'Angehängt werden nur diese Angaben, keine Kundendaten:',
      attachNoErrors: 'keine',
      submit: 'Anfrage senden',
      sent: 'Ihre Anfrage wurde an den Support übergeben. Sie erhalten die Antwort per E-Mail.',
    },
  },
  company: {
    nav: 'Unternehmen',
    title: 'Unternehmen',
    intro: 'Einstellungen, die für alle Benutzerinnen und Benutzer Ihres Unternehmens gelten.',
    language: 'Sprache der E-Mails',
    languageHint: 'In dieser Sprache schreibt der Server E-Mails im Namen Ihres Unternehmens, z. B. Supportanfragen.',
    supportEmail: 'Support-Adresse',
    supportEmailHint: 'An diese Adresse gehen die Supportanfragen aus „Hilfe & Support“. Leer lassen: keine Anfragen.',
    supportEmailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. support@firma.de.',
    saved: 'Die Einstellungen wurden gespeichert.',
  },
};

/** The error code of a support request without a support address (errors.support). */
export const supportErrorsDe = {
  support: {
    no_address:
      'Ihr Unternehmen hat keine Support-Adresse hinterlegt. Bitte wenden Sie sich an Ihre Administration (Einstellungen → Unternehmen).',
  },
};

/** Labels of the fields a support request and the company settings can be refused for (fieldLabels). */
export const supportFieldsDe = {
  diagnostics: {
    _: 'Diagnosedaten',
    appVersion: 'App-Version',
    errorIds: 'Fehlernummern',
    os: 'Betriebssystem',
    serverUrl: 'Server',
  },
  subject: 'Betreff',
  supportEmail: 'Support-Adresse',
  text: 'Nachricht',
};
