/** German texts of invitations, "Passwort vergessen?" and the first-run checklist (issue 18, parts 2, 3 and 7; assembled in index.ts). */
export const inviteDe = {
  invite: {
    button: 'Einladen',
    title: 'Kollegin oder Kollegen einladen',
    intro:
      'Die Einladung geht per E-Mail an die Adresse. Über den Link legt die eingeladene Person ihr Passwort selbst fest; er gilt {{days}} Tage.',
    form: {
      email: 'E-Mail-Adresse',
      name: 'Name',
      unit: 'Einheit',
      role: 'Rolle',
      select: 'Bitte wählen',
      submit: 'Einladung senden',
    },
    validation: {
      emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      nameRequired: 'Bitte geben Sie einen Namen ein.',
      unitRequired: 'Bitte wählen Sie eine Einheit.',
      roleRequired: 'Bitte wählen Sie eine Rolle.',
    },
    sent: 'Die Einladung an {{email}} ist unterwegs.',
    pending: {
      title: 'Offene Einladungen',
      columns: {
        email: 'E-Mail-Adresse',
        name: 'Name',
        role: 'Einheit / Rolle',
        invitedBy: 'Eingeladen von',
        sent: 'Gesendet',
        expires: 'Gültig bis',
      },
      operator: 'Betreiber',
      expired: 'Abgelaufen',
      resend: 'Erneut senden',
      revoke: 'Zurückziehen',
      resent: 'Die Einladung an {{email}} wurde erneut gesendet; der vorige Link gilt nicht mehr.',
    },
    revoke: {
      title: 'Einladung zurückziehen?',
      body: 'Der Link in der Einladung an {{email}} gilt dann nicht mehr.',
      confirm: 'Zurückziehen',
      success: 'Die Einladung an {{email}} wurde zurückgezogen.',
    },
  },
  forgot: {
    link: 'Passwort vergessen?',
    title: 'Passwort vergessen',
    intro:
      'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten einen Link, mit dem Sie ein neues Passwort festlegen; er gilt {{minutes}} Minuten.',
    submit: 'Link anfordern',
    sent: 'Wenn zu {{email}} ein Konto besteht, ist eine E-Mail mit dem Link unterwegs. Sehen Sie in Ihrem Postfach nach.',
    close: 'Schließen',
  },
  checklist: {
    title: 'Erste Schritte',
    intro: 'So richten Sie 1sales für Ihr Unternehmen ein. Erledigte Schritte werden automatisch abgehakt.',
    dismiss: 'Ausblenden',
    progress: '{{done}} von {{total}} erledigt',
    steps: {
      team: 'Team einladen',
      units: 'Einheiten und Rollen einrichten',
      pipelines: 'Pipelines anlegen',
      customFields: 'Eigene Felder anlegen',
      leadSource: 'Eine Lead-Quelle anbinden',
      import: 'Daten importieren',
    },
  },
};

/** Error texts of invitations and password resets (errors.*). */
export const inviteErrorsDe = {
  link: {
    invalid: 'Der Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fordern Sie einen neuen an.',
  },
};

/** Labels of the fields an invitation, a link's password or the operator's new company can be refused for (fieldLabels). */
export const inviteFieldsDe = {
  token: 'Link',
  plan: 'Tarif',
  language: 'Sprache',
  adminEmail: 'E-Mail-Adresse des Administrators',
  adminName: 'Name des Administrators',
};
