import type { ssoAuthErrorsDe, ssoDe, ssoFieldCodesDe, ssoFieldsDe } from './sso.de';

/** English texts of single sign-on (spread into en.ts). */
export const ssoEn: typeof ssoDe = {
  sso: {
    signIn: {
      button: 'Sign in with single sign-on',
      or: 'or',
      hint: 'Enter the server address and your e-mail address; you then sign in with your company account in the browser.',
      waiting: 'Please sign in in your browser. 1sales is waiting for the answer …',
      cancel: 'Cancel',
    },
    settings: {
      title: 'Single sign-on',
      intro:
        "Users of the e-mail domains below sign in through your company's identity provider (OpenID Connect). Someone who signs in for the first time gets an account with the default unit and role.",
      enabled: 'Single sign-on enabled',
      preset: 'Provider',
      presets: {
        entra: 'Microsoft Entra ID',
        google: 'Google Workspace',
        custom: 'Other provider (OpenID Connect)',
      },
      entraTenant: 'Directory (tenant) ID in Entra ID',
      entraTenantHint: 'The issuer URL is made from it.',
      issuer: 'Issuer URL',
      issuerHint: "The server reads the provider's discovery document from it (/.well-known/openid-configuration).",
      clientId: 'Client ID (application ID)',
      clientSecret: 'Client secret',
      clientSecretHint: 'Leave empty for a public client with PKCE.',
      clientSecretSet: 'set',
      clientSecretSetHint: 'A secret is stored and not shown. Enter a new one to replace it.',
      clientSecretRemove: 'Remove the stored secret',
      domains: 'E-mail domains',
      domainsHint: 'One or more domains, e.g. your-company.com (Enter after each).',
      defaultUnit: 'Unit of new accounts',
      defaultRole: 'Role of new accounts',
      passwordDisabled: 'Disable password sign-in for these users',
      passwordDisabledHint: 'Users of these domains can then sign in through single sign-on only.',
      redirect: 'Register as redirect URI at the provider (public client / "mobile and desktop"): {{uri}}',
      saved: 'Single sign-on was saved.',
      validation: {
        issuer: 'Please enter a complete address starting with https://.',
        domain: 'This is not a valid domain: {{domain}}',
      },
    },
  },
};

export const ssoAuthErrorsEn: typeof ssoAuthErrorsDe = {
  sso_failed: 'Single sign-on did not succeed. Please try again or contact your administrator.',
  sso_cancelled: 'Single sign-on was cancelled.',
  password_disabled: 'Your company signs you in through single sign-on. Please use "Sign in with single sign-on".',
};

export const ssoFieldCodesEn: typeof ssoFieldCodesDe = {
  no_sso: "Single sign-on is not set up for this e-mail address's domain.",
  unreachable: 'No OpenID Connect provider answers at this address.',
};

export const ssoFieldsEn: typeof ssoFieldsDe = {
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  code: 'Sign-in code',
  defaultRoleId: 'Role of new accounts',
  defaultUnitId: 'Unit of new accounts',
  domains: 'E-mail domains',
  enabled: 'Single sign-on enabled',
  issuer: 'Issuer URL',
  passwordDisabled: 'Disable password sign-in',
  redirectUri: 'Redirect URI',
  state: 'Sign-in',
};
