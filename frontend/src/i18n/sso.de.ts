/** German texts of single sign-on (issue 18, part 6; spread into de.ts). */
export const ssoDe = {
  sso: {
    signIn: {
      button: 'Mit Single Sign-on anmelden',
      or: 'oder',
      hint: 'Geben Sie Server-Adresse und E-Mail-Adresse ein; die Anmeldung läuft dann im Browser über Ihr Firmenkonto.',
      waiting: 'Bitte melden Sie sich im Browser an. 1sales wartet auf die Rückmeldung …',
      cancel: 'Abbrechen',
    },
    settings: {
      title: 'Single Sign-on',
      intro:
        'Nutzer der angegebenen E-Mail-Domains melden sich über den Identitätsanbieter Ihres Unternehmens an (OpenID Connect). Wer sich zum ersten Mal anmeldet, erhält ein Konto mit der Standard-Einheit und -Rolle.',
      enabled: 'Single Sign-on aktiv',
      preset: 'Anbieter',
      presets: {
        entra: 'Microsoft Entra ID',
        google: 'Google Workspace',
        custom: 'Anderer Anbieter (OpenID Connect)',
      },
      entraTenant: 'Verzeichnis-ID (Mandant) in Entra ID',
      entraTenantHint: 'Die Issuer-URL wird daraus gebildet.',
      issuer: 'Issuer-URL',
      issuerHint: 'Der Server liest daraus die Discovery-Daten des Anbieters (/.well-known/openid-configuration).',
      clientId: 'Client-ID (Anwendungs-ID)',
      clientSecret: 'Client-Geheimnis',
      clientSecretHint: 'Leer lassen für einen öffentlichen Client mit PKCE.',
      clientSecretSet: 'gesetzt',
      clientSecretSetHint:
        'Ein Geheimnis ist gespeichert und wird nicht angezeigt. Geben Sie ein neues ein, um es zu ersetzen.',
      clientSecretRemove: 'Gespeichertes Geheimnis entfernen',
      domains: 'E-Mail-Domains',
      domainsHint: 'Eine oder mehrere Domains, z. B. ihre-firma.de (Enter nach jeder Domain).',
      defaultUnit: 'Einheit neuer Konten',
      defaultRole: 'Rolle neuer Konten',
      passwordDisabled: 'Passwort-Anmeldung für diese Nutzer sperren',
      passwordDisabledHint: 'Nutzer dieser Domains können sich dann nur noch über Single Sign-on anmelden.',
      redirect: 'Beim Anbieter als Umleitungs-URI eintragen (öffentlicher Client / „Mobile und Desktop“): {{uri}}',
      saved: 'Single Sign-on wurde gespeichert.',
      validation: {
        issuer: 'Bitte geben Sie eine vollständige Adresse mit https:// ein.',
        domain: 'Das ist keine gültige Domain: {{domain}}',
      },
    },
  },
};

/** Error texts of single sign-on, spread into errors.auth. */
export const ssoAuthErrorsDe = {
  sso_failed:
    'Die Anmeldung über Single Sign-on ist fehlgeschlagen. Bitte versuchen Sie es erneut oder wenden Sie sich an Ihre Administration.',
  sso_cancelled: 'Die Anmeldung über Single Sign-on wurde abgebrochen.',
  password_disabled:
    'Ihr Unternehmen meldet Sie über Single Sign-on an. Bitte verwenden Sie „Mit Single Sign-on anmelden“.',
};

/** Texts of the field codes of single sign-on. */
export const ssoFieldCodesDe = {
  no_sso: 'Für die Domain dieser E-Mail-Adresse ist kein Single Sign-on eingerichtet.',
  unreachable: 'Unter dieser Adresse antwortet kein OpenID-Connect-Anbieter.',
};

/** Labels of the fields of single sign-on (fieldLabels). */
export const ssoFieldsDe = {
  clientId: 'Client-ID',
  clientSecret: 'Client-Geheimnis',
  code: 'Anmeldecode',
  defaultRoleId: 'Rolle neuer Konten',
  defaultUnitId: 'Einheit neuer Konten',
  domains: 'E-Mail-Domains',
  enabled: 'Single Sign-on aktiv',
  issuer: 'Issuer-URL',
  passwordDisabled: 'Passwort-Anmeldung sperren',
  redirectUri: 'Umleitungs-URI',
  state: 'Anmeldevorgang',
};
