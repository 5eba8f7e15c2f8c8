// End-to-end scenario of single sign-on through the real desktop app (issue 18.6), against a standards-compliant
// OpenID Connect provider started for the run (bin/onesales-idp: mockoidc on a loopback port, E2E_OIDC_*), in a
// company of the test's own (so that its domain's password lock touches no other scenario):
//  - its admin configures the provider on the first desktop in Einstellungen → Unternehmen → Single Sign-on
//    (issuer, client id, secret, the e-mail domain, unit and role of new accounts, password sign-in locked);
//  - on the second desktop a colleague of that domain chooses "Mit Single Sign-on anmelden": the desktop listens on
//    a loopback port and opens the system browser (Wails' BrowserOpenURL -> xdg-open -> the e2e browser that
//    scripts/e2e.sh makes the default, which follows the provider's authorization endpoint to the desktop's
//    redirect), and lands signed in;
//  - the admin's user list has the account, created just in time with the default unit and role;
//  - a colleague of the domain with a password is refused password sign-in with the German message;
//  - an address of a domain without single sign-on is told so next to the field.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import {
  SERVER_URL,
  api,
  choose,
  errorOf,
  fillSignIn,
  launchBrowser,
  navigation,
  newCompany,
  screenshot,
  secondAppUrl,
  signIn,
  signInForm,
  signOut,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 300_000;

function env(name) {
  const value = process.env[name];
  assert.ok(value, `${name} is set by scripts/e2e.sh (the identity provider of the run and the e2e browser)`);
  return value;
}

/** Queues the user the provider signs in at its next authorization. */
async function providerSignsIn(email) {
  const response = await fetch(env('E2E_OIDC_QUEUE_URL'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, subject: `sub-${email}` }),
  });
  assert.equal(response.status, 204, `queue ${email} at the provider`);
}

/** Waits until the e2e browser has recorded a visit whose record matches, and returns the log. */
async function browserVisited(match) {
  const deadline = Date.now() + 20_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await readFile(env('E2E_BROWSER_LOG'), 'utf8');
    if (match.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`the e2e browser recorded no visit matching ${match}:\n${text}`);
}

describe('single sign-on', { timeout: TEST_TIMEOUT }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('an admin configures the company provider; a colleague signs in through it in the desktop, and password sign-in is locked for the domain', async () => {
    const suffix = uniqueSuffix();
    const company = `SSO Werkstatt ${suffix}`;
    const domain = `sso-${suffix}.example`;
    const ssoUser = `lea.sso@${domain}`;
    const passwordUser = {
      email: `pia.passwort@${domain}`,
      name: `Pia Passwort ${suffix}`,
      password: `Pia-${suffix}!`,
    };

    await withPage(browser, 'sso admin', async (page) => {
      // The company's admin has an address outside the domain, so that the lock does not concern them.
      const admin = await newCompany(page, {
        name: company,
        admin: { email: `admin@verwaltung-${suffix}.example`, name: `Sven Admin ${suffix}` },
        password: `Sso-Admin-${suffix}`,
      });
      // A colleague of the domain who was given a password before the company turned to single sign-on.
      const session = await api(null, 'POST', '/api/v1/auth/login', { email: admin.email, password: admin.password });
      const units = await api(session.accessToken, 'GET', '/api/v1/units');
      const roles = await api(session.accessToken, 'GET', '/api/v1/roles');
      await api(session.accessToken, 'POST', '/api/v1/users', {
        ...passwordUser,
        unitId: units.items[0].id,
        roleId: roles.items.find((role) => role.name === 'Innendienst').id,
      });

      await startSignedOut(page);
      await signIn(page, admin);
      await navigation(page).getByRole('link', { name: 'Unternehmen' }).click();
      const form = page.getByTestId('sso-settings-form');
      await choose(page, 'Anbieter', 'Anderer Anbieter (OpenID Connect)', form);
      await form.getByLabel('Issuer-URL').fill(env('E2E_OIDC_ISSUER'));
      await form.getByLabel('Client-ID (Anwendungs-ID)').fill(env('E2E_OIDC_CLIENT_ID'));
      await form.getByLabel('Client-Geheimnis').fill(env('E2E_OIDC_CLIENT_SECRET'));
      const domains = form.getByLabel('E-Mail-Domains');
      await domains.fill(domain);
      await domains.press('Enter');
      await choose(page, 'Einheit neuer Konten', company, form);
      await choose(page, 'Rolle neuer Konten', 'Außendienst', form);
      await form.getByLabel('Passwort-Anmeldung für diese Nutzer sperren').check();
      await screenshot(page, 'sso-settings.png');
      await form.getByRole('button', { name: 'Speichern', exact: true }).click();
      await page.getByText('Single Sign-on wurde gespeichert.').waitFor();
      // The secret is kept on the server and never shown again.
      await form.getByTestId('sso-secret-set').waitFor();
      assert.equal(await form.getByLabel('Client-Geheimnis').inputValue(), '');

      await withPage(browser, 'sso colleague', async (other) => {
        const app = secondAppUrl();
        await startSignedOut(other, app);

        // A domain without single sign-on is told so next to the address.
        const email = other.getByLabel('E-Mail-Adresse');
        await other.getByLabel('Server-Adresse').fill(SERVER_URL);
        await email.fill(`niemand@ohne-sso-${suffix}.example`);
        await other.getByRole('button', { name: 'Mit Single Sign-on anmelden' }).click();
        await other.getByText('Für die Domain dieser E-Mail-Adresse ist kein Single Sign-on eingerichtet.').waitFor();
        assert.equal(
          await errorOf(email),
          'Für die Domain dieser E-Mail-Adresse ist kein Single Sign-on eingerichtet.',
        );

        // Through the provider, in the system browser: signed in, an account made on the way.
        await providerSignsIn(ssoUser);
        await email.fill(ssoUser);
        await other.getByRole('button', { name: 'Mit Single Sign-on anmelden' }).click();
        await userMenu(other).waitFor({ state: 'visible' });
        assert.match(
          await userMenu(other).textContent(),
          /lea\.sso/,
          'named after the address (the token has no name)',
        );
        await other.getByTestId('dashboard').waitFor();
        const visited = await browserVisited(/Anmeldung abgeschlossen/);
        assert.ok(
          visited.includes(`opened ${env('E2E_OIDC_ISSUER')}/authorize\n`),
          `the system browser was sent to the provider:\n${visited}`,
        );
        await screenshot(other, 'sso-signed-in.png');

        // The admin's list has the account, with the default unit and role.
        await navigation(page).getByRole('link', { name: 'Benutzer' }).click();
        const row = page.locator(`[data-testid="user-row"][data-email="${ssoUser}"]`);
        await row.waitFor();
        assert.match(await row.textContent(), /Außendienst/);
        assert.match(await row.textContent(), new RegExp(company));
        await screenshot(page, 'sso-user-created.png');

        // Password sign-in is locked for the domain: the right password is refused with the German message.
        await signOut(other);
        await fillSignIn(other, passwordUser);
        const refused = other.getByTestId('sign-in-error');
        await refused.waitFor();
        assert.equal(await refused.getAttribute('data-code'), 'auth.password_disabled');
        assert.match(
          await refused.textContent(),
          /Ihr Unternehmen meldet Sie über Single Sign-on an\. Bitte verwenden Sie „Mit Single Sign-on anmelden“\./,
        );
        assert.equal(await userMenu(other).count(), 0, 'not signed in');
        await screenshot(other, 'sso-password-locked.png');
        await signInForm(other).waitFor();
      });
      await signOut(page);
    });
  });
});
