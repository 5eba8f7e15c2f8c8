/** German texts of two-factor sign-in and the signed-in devices (issue 18, parts 4 and 5; spread into de.ts). */
export const twoFactorDe = {
  twoFactor: {
    menu: 'Zwei-Faktor & Geräte',
    title: 'Zwei-Faktor-Anmeldung',
    intro:
      'Mit einer Authenticator-App (z. B. Microsoft Authenticator, Google Authenticator, FreeOTP) fragt die Anmeldung nach dem Passwort zusätzlich einen sechsstelligen Code ab. Auf diesem Gerät bleiben Sie angemeldet, bis Sie sich abmelden.',
    on: 'Eingeschaltet seit {{date}}.',
    off: 'Ausgeschaltet.',
    required: 'Ihr Unternehmen schreibt die Zwei-Faktor-Anmeldung für Sie vor.',
    codesLeft: 'Noch {{count}} unbenutzte Wiederherstellungscodes.',
    setUp: 'Einrichten',
    disable: 'Ausschalten',
    disableHint: 'Zum Ausschalten geben Sie einen aktuellen Code Ihrer App ein.',
    disabled: 'Die Zwei-Faktor-Anmeldung ist ausgeschaltet.',
    enabled: 'Die Zwei-Faktor-Anmeldung ist eingeschaltet.',
    cannotDisable: 'Solange Ihr Unternehmen sie vorschreibt, lässt sie sich nicht ausschalten.',
    enrol: {
      title: 'Authenticator-App verbinden',
      scan: 'Scannen Sie den QR-Code mit Ihrer Authenticator-App.',
      manual: 'Oder geben Sie diesen Schlüssel von Hand ein:',
      qrAlt: 'QR-Code für die Authenticator-App',
      confirm: 'Bestätigen',
      confirmHint: 'Geben Sie zur Bestätigung den Code ein, den die App jetzt anzeigt.',
    },
    code: {
      label: 'Code aus der Authenticator-App',
      placeholder: '123456',
      invalid: 'Bitte geben Sie die 6 Ziffern aus Ihrer App ein.',
    },
    recovery: {
      label: 'Wiederherstellungscode',
      placeholder: 'abcde-fghij',
      invalid: 'Ein Wiederherstellungscode hat 10 Zeichen (z. B. abcde-fghij).',
      use: 'Wiederherstellungscode verwenden',
      useApp: 'Code aus der App verwenden',
      title: 'Ihre Wiederherstellungscodes',
      intro:
        'Bewahren Sie diese Codes sicher auf (z. B. ausgedruckt oder im Passwort-Manager). Jeder Code funktioniert einmal, falls Sie keinen Zugriff auf Ihre App haben. Sie werden nur jetzt angezeigt.',
      copy: 'Codes kopieren',
      copied: 'Kopiert',
      done: 'Ich habe die Codes gespeichert',
    },
    signIn: {
      codeTitle: 'Bestätigung mit zweitem Faktor',
      codeIntro: 'Geben Sie den Code aus Ihrer Authenticator-App ein.',
      enrolTitle: 'Zwei-Faktor-Anmeldung einrichten',
      enrolIntro:
        'Ihr Unternehmen schreibt eine Zwei-Faktor-Anmeldung vor. Richten Sie sie jetzt ein, um sich anzumelden.',
      submit: 'Anmelden',
      back: 'Zurück zur Anmeldung',
      expired: 'Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
    },
    admin: {
      title: 'Anmeldung und Sicherheit',
      on: 'Zwei-Faktor-Anmeldung eingeschaltet',
      off: 'Keine Zwei-Faktor-Anmeldung',
      reset: 'Zweiten Faktor zurücksetzen',
      resetConfirm:
        'Die Authenticator-App und die Wiederherstellungscodes dieses Benutzers werden entfernt (z. B. bei verlorenem Gerät). Schreibt Ihr Unternehmen den zweiten Faktor vor, richtet der Benutzer ihn bei der nächsten Anmeldung neu ein.',
      resetDone: 'Der zweite Faktor wurde zurückgesetzt.',
      signOut: 'Überall abmelden',
      signOutConfirm: 'Alle Geräte dieses Benutzers werden abgemeldet; die nächste Anfrage jedes Geräts scheitert.',
      signOutDone: 'Der Benutzer wurde auf allen Geräten abgemeldet.',
      events: 'Protokoll',
      noEvents: 'Noch keine Einträge.',
      action: {
        totp_enabled: 'Zwei-Faktor-Anmeldung eingeschaltet',
        totp_disabled: 'Zwei-Faktor-Anmeldung ausgeschaltet',
        totp_reset: 'Zweiter Faktor von einem Administrator zurückgesetzt',
        recovery_code_used: 'Wiederherstellungscode verwendet',
        sessions_revoked: 'Von einem Administrator überall abgemeldet',
      },
    },
    policy: {
      label: 'Zwei-Faktor-Anmeldung',
      description: 'Wer muss sich mit einem zweiten Faktor (Authenticator-App) anmelden?',
      off: 'Freiwillig',
      admins: 'Pflicht für Administratoren',
      everyone: 'Pflicht für alle',
    },
  },
  devices: {
    title: 'Angemeldete Geräte',
    intro:
      'Statt eines Orts zeigt die Liste das Netz der letzten Adresse (die letzte Stelle ausgeblendet); der Server hat keine Daten, die Adressen Orten zuordnen.',
    thisDevice: 'Dieses Gerät',
    unknownApp: 'Unbekannte App',
    version: 'Version {{version}}',
    network: 'Netz {{network}}',
    lastUsed: 'Zuletzt verwendet {{date}}',
    signedInAt: 'Angemeldet {{date}}',
    signOut: 'Abmelden',
    signOutOthers: 'Alle anderen abmelden',
    signedOut: 'Das Gerät wurde abgemeldet.',
    othersSignedOut: 'Alle anderen Geräte wurden abgemeldet.',
    os: { windows: 'Windows', darwin: 'macOS', linux: 'Linux' },
  },
};

/** Labels of the fields of the two-factor requests (spread into fieldLabels). */
export const twoFactorFieldsDe = {
  challenge: 'Anmeldeschritt',
  code: 'Code',
  recoveryCode: 'Wiederherstellungscode',
  twoFactorPolicy: 'Zwei-Faktor-Anmeldung',
};
