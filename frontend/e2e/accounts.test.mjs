// End-to-end story of accounts through the real desktop app (issue 18, "What it must show": an admin invites a
// colleague, the colleague accepts through the link and signs in with a second factor set up on the way), in a
// company of the test's own, so that its two-factor policy touches no other scenario:
//  - the operator creates the company; its first admin accepts the invitation mail's link on the server's page and
//    signs in on the first desktop, sees the first-run checklist, sets up an authenticator app on the account page
//    (the test reads the key shown and computes the codes itself, RFC 6238 with node:crypto), then makes two
//    factors mandatory for everyone (Einstellungen → Unternehmen) and invites a colleague with unit and role;
//  - the test reads the colleague's mail from the e2e harness's SMTP sink, opens its link and sets a password; the
//    colleague signs in on the second desktop, is asked to set up the second factor on the way (QR code and key),
//    confirms with a code, sees the recovery codes once and lands on the start page; signs out, signs in with the
//    password and a code, and finds this device among the signed-in devices;
//  - the admin's list has the colleague and no open invitation any more;
//  - the colleague forgets the password: "Passwort vergessen?", the reset mail's link, a new password, and the
//    sign-in with it still asks for the second factor, which a recovery code answers.
// Addresses and the company's name carry a per-run suffix, so the story depends on no fresh database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  SERVER_URL,
  choose,
  errorOf,
  fillSignIn,
  launchBrowser,
  linkInMailTo,
  navigation,
  newCompany,
  noDialog,
  screenshot,
  secondAppUrl,
  setPasswordOnLinkPage,
  signIn,
  signOut,
  startSignedOut,
  totp,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 420_000;

/** Opens "Zwei-Faktor & Geräte" from the user menu and returns its two-factor card. */
async function twoFactorCard(page) {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: 'Zwei-Faktor & Geräte' }).click();
  return page.getByTestId('two-factor');
}

/** The key shown next to the QR code of an enrolment (in setup), checked for its form. */
async function shownKey(setup) {
  await setup.getByRole('img', { name: 'QR-Code für die Authenticator-App' }).waitFor();
  const secret = (await setup.getByTestId('totp-secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{16,}$/, 'the key is shown for typing in by hand');
  return secret;
}

/** The recovery codes shown once after an enrolment: ten, each of the form abcde-fghij. */
async function shownRecoveryCodes(codes) {
  await codes.waitFor();
  const items = (await codes.getByRole('listitem').allTextContents()).map((code) => code.trim());
  assert.equal(items.length, 10, 'ten recovery codes are shown once');
  for (const code of items) assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
  return items;
}

describe(
  'accounts: a new company, invitations, mandatory two-factor sign-in, password reset',
  { timeout: TEST_TIMEOUT },
  () => {
    let browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    test('an admin makes two factors mandatory and invites a colleague, who accepts by mail and sets up the second factor while signing in', async () => {
      const suffix = uniqueSuffix();
      const company = `Zweifaktor GmbH ${suffix}`;
      const domain = `zf-${suffix}.example`;
      const colleague = { email: `ina.eingeladen@${domain}`, name: `Ina Eingeladen ${suffix}` };
      const firstPassword = `Willkommen-${suffix}`;
      const secondPassword = `Neu-gesetzt-${suffix}`;

      await withPage(browser, 'accounts admin', async (page) => {
        const admin = await newCompany(page, {
          name: company,
          admin: { email: `anna.admin@${domain}`, name: `Anna Admin ${suffix}` },
          password: `Erste-Admin-${suffix}`,
        });

        // The first admin on the first desktop: the first-run checklist of a new company, nothing done yet.
        await startSignedOut(page);
        await signIn(page, admin);
        const checklist = page.getByTestId('checklist-card');
        await checklist.waitFor();
        assert.equal(await checklist.getByTestId('checklist-step').count(), 6);
        assert.equal(await checklist.locator('[data-step="team"]').getAttribute('data-done'), 'false', 'no team yet');
        await screenshot(page, 'invite-checklist.png');

        // The admin secures their own account first: an authenticator app on the account page.
        const card = await twoFactorCard(page);
        await card.getByText('Ausgeschaltet.').waitFor();
        await card.getByRole('button', { name: 'Einrichten' }).click();
        const setup = card.getByTestId('totp-setup');
        const adminKey = await shownKey(setup);
        await screenshot(page, 'twofactor-setup.png');
        await setup.getByLabel('Code aus der Authenticator-App').fill(totp(adminKey));
        await setup.getByRole('button', { name: 'Bestätigen' }).click();
        const adminCodes = card.getByTestId('recovery-codes');
        await shownRecoveryCodes(adminCodes);
        await screenshot(page, 'twofactor-recovery-codes.png');
        await adminCodes.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click();
        await card.getByText(/^Eingeschaltet seit/).waitFor();

        // Two factors for everyone (Einstellungen → Unternehmen).
        await navigation(page).getByRole('link', { name: 'Unternehmen' }).click();
        const companyForm = page.getByTestId('company-settings-form');
        await choose(page, 'Zwei-Faktor-Anmeldung', 'Pflicht für alle', companyForm);
        await companyForm.getByRole('button', { name: 'Speichern', exact: true }).click();
        await page.getByText('Die Einstellungen wurden gespeichert.').waitFor();
        await screenshot(page, 'accounts-policy-everyone.png');

        // The invitation, from Einstellungen → Benutzer ("Einladen", next to the new user with a password).
        await navigation(page).getByRole('link', { name: 'Benutzer' }).click();
        await page.getByTestId('invite-button').click();
        const dialog = page.getByRole('dialog', { name: 'Kollegin oder Kollegen einladen' });
        const email = dialog.getByLabel('E-Mail-Adresse');
        await email.fill('keine-adresse');
        await dialog.getByRole('button', { name: 'Einladung senden' }).click();
        assert.equal(await errorOf(email), 'Bitte geben Sie eine gültige E-Mail-Adresse ein.');
        await email.fill(colleague.email);
        await dialog.getByLabel('Name').fill(colleague.name);
        await choose(page, 'Einheit', company);
        await choose(page, 'Rolle', 'Außendienst');
        await screenshot(page, 'invite-form.png');
        await dialog.getByRole('button', { name: 'Einladung senden' }).click();
        await page.getByText(`Die Einladung an ${colleague.email} ist unterwegs.`).waitFor();
        await noDialog(page);
        const row = page.locator(`[data-testid="invitation-row"][data-email="${colleague.email}"]`);
        await row.waitFor();
        assert.match(await row.textContent(), new RegExp(admin.name), 'the open invitation names who invited');
        assert.match(await row.textContent(), new RegExp(`${company} / Außendienst`));
        await screenshot(page, 'invite-pending.png');

        // The colleague, on the second desktop while the admin stays signed in on the first.
        await withPage(browser, 'accounts colleague', async (other) => {
          const app = secondAppUrl();
          const invitation = await linkInMailTo(colleague.email, new RegExp(`^Einladung zu ${company}`));
          assert.ok(invitation.startsWith(`${SERVER_URL}/invitation?token=`), `link ${invitation}`);
          const accepted = await setPasswordOnLinkPage(other, invitation, firstPassword);
          assert.match(await accepted.textContent(), /Ihr Konto ist angelegt/);
          await screenshot(other, 'invite-accepted.png');
          // Once only.
          await other.goto(invitation);
          await other.getByText('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.').waitFor();

          // The sign-in asks for the second factor's setup on the way: QR code and key, a code, the recovery codes.
          await startSignedOut(other, app);
          await fillSignIn(other, { ...colleague, password: firstPassword });
          const enrol = other.getByTestId('enrol-step');
          await enrol.getByRole('heading', { name: 'Zwei-Faktor-Anmeldung einrichten' }).waitFor();
          const enrolSetup = enrol.getByTestId('totp-setup');
          const key = await shownKey(enrolSetup);
          await screenshot(other, 'accounts-enrol-at-sign-in.png');
          await enrolSetup.getByLabel('Code aus der Authenticator-App').fill(totp(key));
          await enrolSetup.getByRole('button', { name: 'Bestätigen' }).click();
          const codes = await shownRecoveryCodes(enrol.getByTestId('recovery-codes'));
          await screenshot(other, 'accounts-enrol-recovery-codes.png');
          await enrol.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click();
          // Signed in, on the start page.
          await userMenu(other).waitFor({ state: 'visible' });
          assert.match(await userMenu(other).textContent(), new RegExp(colleague.name));
          await other.getByTestId('dashboard').waitFor();
          assert.equal(new URL(other.url()).hash.replace(/^#/, '') || '/', '/', 'the start page');

          // Sign out; the password alone no longer signs in: the code step follows.
          await signOut(other);
          await fillSignIn(other, { ...colleague, password: firstPassword });
          const step = other.getByTestId('second-factor-form');
          await step.waitFor();
          await screenshot(other, 'twofactor-code-step.png');
          // The code of the enrolment's step was spent; the next step's is within the server's window.
          await step.getByLabel('Code aus der Authenticator-App').fill(totp(key, 1));
          await step.getByRole('button', { name: 'Anmelden', exact: true }).click();
          await userMenu(other).waitFor({ state: 'visible' });

          // The account page says the company requires it; this device is among the signed-in devices.
          const own = await twoFactorCard(other);
          await own.getByText('Ihr Unternehmen schreibt die Zwei-Faktor-Anmeldung für Sie vor.').waitFor();
          await own.getByText(/^Eingeschaltet seit/).waitFor();
          const current = other.getByTestId('devices').locator('[data-testid="device"][data-current="true"]');
          await current.waitFor();
          const text = await current.textContent();
          assert.match(text, /Dieses Gerät/);
          assert.match(text, /Linux/, 'the operating system the desktop reported');
          assert.match(text, /Netz \d+\.\d+\.\d+\.0\/24|Netz [0-9a-f:]+\/48/, 'the address shown masked');
          await screenshot(other, 'twofactor-devices.png');
          await signOut(other);

          // The admin's list has the colleague, and no open invitation for them any more; the team step is done.
          await page.reload();
          await page.locator(`[data-testid="user-row"][data-email="${colleague.email}"]`).waitFor();
          assert.equal(await row.count(), 0, 'the accepted invitation is no longer open');
          await navigation(page).getByRole('link', { name: 'Dashboard', exact: true }).click();
          await checklist.locator('[data-step="team"][data-done="true"]').waitFor();
          await page.getByTestId('checklist-dismiss').click();
          await checklist.waitFor({ state: 'detached' });
          await signOut(page);

          // The forgotten password: the reset mail's link sets a new one; the sign-in with it still asks for the
          // second factor, and a recovery code (once) answers it.
          await other.goto(app);
          await other.getByRole('button', { name: 'Passwort vergessen?' }).click();
          const forgot = other.getByRole('dialog', { name: 'Passwort vergessen' });
          await forgot.getByLabel('Server-Adresse').fill(SERVER_URL);
          await forgot.getByLabel('E-Mail-Adresse').fill(colleague.email);
          await forgot.getByRole('button', { name: 'Link anfordern' }).click();
          await forgot.getByTestId('forgot-sent').waitFor();
          assert.match(await forgot.getByTestId('forgot-sent').textContent(), /ein Konto besteht, ist eine E-Mail/);
          await screenshot(other, 'forgot-password-sent.png');
          // The dialog's own button under the message (the header's close button has the same name).
          await forgot
            .getByTestId('forgot-sent')
            .locator('xpath=..')
            .getByRole('button', { name: 'Schließen' })
            .click();
          await noDialog(other);

          const reset = await linkInMailTo(colleague.email, /^Neues Passwort für 1sales/);
          const changed = await setPasswordOnLinkPage(other, reset, secondPassword);
          assert.match(await changed.textContent(), /Ihr Passwort ist geändert/);

          await other.goto(app);
          await fillSignIn(other, { ...colleague, password: secondPassword });
          const again = other.getByTestId('second-factor-form');
          await again.getByTestId('toggle-recovery').click();
          await again.getByLabel('Wiederherstellungscode').fill(codes[0]);
          await again.getByRole('button', { name: 'Anmelden', exact: true }).click();
          await userMenu(other).waitFor({ state: 'visible' });
          assert.match(await userMenu(other).textContent(), new RegExp(colleague.name));
          await signOut(other);
        });
      });
    });
  },
);
