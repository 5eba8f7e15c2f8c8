/** German texts: the default language and the reference for every other language's keys. */
export const de = {
  app: {
    name: '1sales',
  },
  common: {
    save: 'Speichern',
    cancel: 'Abbrechen',
    create: 'Anlegen',
    delete: 'Löschen',
    retry: 'Erneut versuchen',
    loading: 'Wird geladen …',
    actions: 'Aktionen',
    actionsFor: 'Aktionen für {{name}}',
    saved: 'Die Änderungen wurden gespeichert.',
    unknown: 'unbekannt',
  },
  language: {
    label: 'Sprache',
    de: 'Deutsch',
    en: 'English',
    saveFailed: 'Die Sprache konnte nicht dauerhaft gespeichert werden.',
  },
  session: {
    checking: 'Anmeldung wird geprüft …',
    expired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    resumeFailed: 'Die automatische Anmeldung ist fehlgeschlagen.',
  },
  signIn: {
    title: 'Anmelden',
    subtitle: 'Melden Sie sich mit Ihrem 1sales-Zugang an.',
    serverUrl: 'Server-Adresse',
    serverUrlPlaceholder: 'https://crm.ihre-firma.de',
    email: 'E-Mail-Adresse',
    emailPlaceholder: 'vorname.nachname@ihre-firma.de',
    password: 'Passwort',
    submit: 'Anmelden',
    failed: 'Anmeldung fehlgeschlagen',
    validation: {
      serverUrlRequired: 'Bitte geben Sie die Adresse Ihres 1sales-Servers ein.',
      serverUrlInvalid: 'Bitte geben Sie eine vollständige Adresse ein, z. B. https://crm.ihre-firma.de.',
      emailRequired: 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
      emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      passwordRequired: 'Bitte geben Sie Ihr Passwort ein.',
    },
  },
  shell: {
    toggleNavigation: 'Navigation ein- oder ausblenden',
    nav: {
      label: 'Hauptnavigation',
      start: 'Start',
      settings: 'Einstellungen',
      users: 'Benutzer',
      units: 'Einheiten',
      roles: 'Rollen',
    },
    userMenu: {
      label: 'Benutzermenü',
      account: 'Konto',
      changePassword: 'Passwort ändern',
      language: 'Sprache',
      signOut: 'Abmelden',
    },
  },
  start: {
    title: 'Start',
    welcome: 'Willkommen, {{name}}!',
    role: 'Rolle',
    unit: 'Einheit',
    tenant: 'Firma',
    plan: 'Tarif',
    storage: 'Speicher pro Benutzer',
    pipelines: 'Pipelines',
    unlimited: 'unbegrenzt',
    plans: {
      basic: 'Basic',
      professional: 'Professional',
    },
    permissions: {
      title: 'Was Ihre Rolle darf',
      admin: 'Einstellungen verwalten: Benutzer, Einheiten und Rollen',
      noAccess: 'kein Zugriff',
      nothing: 'Ihre Rolle gewährt noch keinen Zugriff auf Datensätze.',
    },
  },
  access: {
    recordTypes: {
      person: 'Personen',
      organization: 'Organisationen',
      deal: 'Deals',
      lead: 'Leads',
      activity: 'Aktivitäten',
    },
    actions: {
      view: 'Ansehen',
      create: 'Anlegen',
      edit: 'Bearbeiten',
      delete: 'Löschen',
      export: 'Exportieren',
    },
    scopes: {
      none: 'Keine',
      own: 'Eigene',
      unit: 'Eigene Einheit + darunter',
      all: 'Alle',
    },
    /** Scopes as they read in a sentence such as "Ansehen: alle". */
    scopesInline: {
      none: 'keine',
      own: 'eigene',
      unit: 'eigene Einheit und darunter',
      all: 'alle',
    },
    grant: '{{action}}: {{scope}}',
  },
  account: {
    title: 'Passwort ändern',
    currentPassword: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    repeatPassword: 'Neues Passwort wiederholen',
    hint: 'Mindestens {{min}} Zeichen. Ihre anderen Sitzungen werden dabei beendet.',
    submit: 'Passwort ändern',
    success: 'Ihr Passwort wurde geändert.',
    validation: {
      currentRequired: 'Bitte geben Sie Ihr aktuelles Passwort ein.',
      tooShort: 'Das Passwort muss mindestens {{min}} Zeichen lang sein.',
      mismatch: 'Die Passwörter stimmen nicht überein.',
    },
  },
  users: {
    title: 'Benutzer',
    create: 'Benutzer anlegen',
    empty: 'Es gibt noch keine Benutzer.',
    columns: {
      name: 'Name',
      email: 'E-Mail-Adresse',
      unit: 'Einheit',
      role: 'Rolle',
      status: 'Status',
    },
    status: {
      active: 'aktiv',
      inactive: 'deaktiviert',
    },
    form: {
      createTitle: 'Benutzer anlegen',
      editTitle: 'Benutzer bearbeiten',
      name: 'Name',
      email: 'E-Mail-Adresse',
      password: 'Initiales Passwort',
      passwordHint: 'Mindestens {{min}} Zeichen. Teilen Sie es der Person auf sicherem Weg mit.',
      unit: 'Einheit',
      role: 'Rolle',
      select: 'Bitte wählen',
    },
    validation: {
      nameRequired: 'Bitte geben Sie einen Namen ein.',
      emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      passwordTooShort: 'Das Passwort muss mindestens {{min}} Zeichen lang sein.',
      unitRequired: 'Bitte wählen Sie eine Einheit.',
      roleRequired: 'Bitte wählen Sie eine Rolle.',
    },
    actions: {
      edit: 'Bearbeiten',
      resetPassword: 'Passwort zurücksetzen',
      deactivate: 'Deaktivieren',
      reactivate: 'Reaktivieren',
    },
    resetPassword: {
      title: 'Passwort zurücksetzen',
      description: 'Legen Sie ein neues Passwort für {{name}} fest und teilen Sie es der Person auf sicherem Weg mit.',
      password: 'Neues Passwort',
      submit: 'Passwort setzen',
      success: 'Das Passwort von {{name}} wurde geändert.',
    },
    deactivate: {
      title: 'Benutzer deaktivieren?',
      body: '{{name}} kann sich danach nicht mehr anmelden; laufende Sitzungen werden sofort beendet.',
      confirm: 'Deaktivieren',
      success: '{{name}} wurde deaktiviert.',
    },
    reactivate: {
      title: 'Benutzer reaktivieren?',
      body: '{{name}} kann sich danach wieder anmelden.',
      confirm: 'Reaktivieren',
      success: '{{name}} wurde reaktiviert.',
    },
    created: 'Der Benutzer {{name}} wurde angelegt.',
    you: '(Sie)',
  },
  units: {
    title: 'Einheiten',
    create: 'Einheit anlegen',
    empty: 'Es gibt noch keine Einheiten.',
    columns: {
      name: 'Name',
      users: 'Benutzer',
    },
    form: {
      createTitle: 'Einheit anlegen',
      renameTitle: 'Einheit umbenennen',
      moveTitle: 'Einheit verschieben',
      name: 'Name',
      parent: 'Übergeordnete Einheit',
      select: 'Bitte wählen',
    },
    validation: {
      nameRequired: 'Bitte geben Sie einen Namen ein.',
      parentRequired: 'Bitte wählen Sie die übergeordnete Einheit.',
    },
    actions: {
      addChild: 'Untereinheit anlegen',
      rename: 'Umbenennen',
      move: 'Verschieben',
      delete: 'Löschen',
    },
    delete: {
      title: 'Einheit löschen?',
      body: 'Die Einheit „{{name}}“ wird gelöscht. Das lässt sich nicht rückgängig machen.',
      confirm: 'Löschen',
      success: 'Die Einheit „{{name}}“ wurde gelöscht.',
      conflict:
        'Die Einheit „{{name}}“ kann nicht gelöscht werden, solange ihr noch Benutzer oder Untereinheiten zugeordnet sind. Verschieben Sie diese zuerst.',
    },
    created: 'Die Einheit „{{name}}“ wurde angelegt.',
    root: 'Oberste Einheit',
  },
  roles: {
    title: 'Rollen',
    create: 'Rolle anlegen',
    empty: 'Es gibt noch keine Rollen.',
    columns: {
      name: 'Name',
      admin: 'Einstellungen',
      users: 'Benutzer',
    },
    adminBadge: 'Administration',
    form: {
      createTitle: 'Rolle anlegen',
      editTitle: 'Rolle bearbeiten',
      name: 'Name',
      isAdmin: 'Darf Einstellungen verwalten',
      isAdminHint: 'Benutzer, Einheiten und Rollen anlegen, ändern und löschen.',
      matrix: 'Berechtigungen',
      matrixHint: 'Für jede Art von Datensatz und jede Aktion: wie weit das Recht reicht.',
      recordType: 'Datensatz',
      cell: '{{recordType}}: {{action}}',
    },
    validation: {
      nameRequired: 'Bitte geben Sie einen Namen ein.',
    },
    actions: {
      edit: 'Bearbeiten',
      delete: 'Löschen',
      editNamed: '„{{name}}“ bearbeiten',
      deleteNamed: '„{{name}}“ löschen',
    },
    delete: {
      title: 'Rolle löschen?',
      body: 'Die Rolle „{{name}}“ wird gelöscht. Das lässt sich nicht rückgängig machen.',
      confirm: 'Löschen',
      success: 'Die Rolle „{{name}}“ wurde gelöscht.',
      conflict:
        'Die Rolle „{{name}}“ ist noch Benutzern zugewiesen und kann daher nicht gelöscht werden. Weisen Sie diesen Benutzern zuerst eine andere Rolle zu.',
    },
    created: 'Die Rolle „{{name}}“ wurde angelegt.',
  },
  errors: {
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
    },
    validation: {
      failed: 'Bitte prüfen Sie Ihre Eingaben.',
    },
    auth: {
      unauthenticated: 'Sie sind nicht mehr angemeldet. Bitte melden Sie sich erneut an.',
      invalid_credentials: 'E-Mail-Adresse oder Passwort ist falsch.',
      throttled: 'Zu viele Anmeldeversuche. Bitte versuchen Sie es später erneut.',
      token_invalid: 'Ihre Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.',
      refresh_token_reused: 'Ihre Anmeldung wurde aus Sicherheitsgründen beendet. Bitte melden Sie sich erneut an.',
      wrong_password: 'Das aktuelle Passwort ist falsch.',
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
    internal: 'Auf dem Server ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
    service: {
      unavailable: 'Der Server ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später erneut.',
    },
    network: {
      unreachable: 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Server-Adresse und Ihre Netzwerkverbindung.',
    },
    secrets: {
      unavailable:
        'Der Schlüsselbund Ihres Systems ist nicht erreichbar; die gespeicherte Anmeldung konnte nicht aktualisiert werden.',
    },
    settings: {
      unavailable: 'Die Einstellungen konnten nicht gespeichert werden.',
    },
  },
  fields: {
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
    fallback: 'Ungültige Eingabe ({{code}}).',
    /** Texts for one field, where the general text would be vague. */
    specific: {
      email: {
        invalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
        taken: 'Diese E-Mail-Adresse wird bereits verwendet.',
      },
      serverUrl: {
        invalid: 'Bitte geben Sie eine vollständige Adresse ein, z. B. https://crm.ihre-firma.de.',
      },
      password: {
        too_short: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
      },
      newPassword: {
        too_short: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
      },
      name: {
        taken: 'Dieser Name wird bereits verwendet.',
      },
    },
  },
} as const;

/** The shape every language must have: the same keys as German, any text. */
export type Messages = Shape<typeof de>;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
