// End-to-end scenario of invitations and "Passwort vergessen?" through the real desktop app and the server's link
// pages (issue 18, parts 2, 3 and 7): the admin sees the first-run checklist on the start page and hides it, invites
// a colleague from Einstellungen → Benutzer ("Einladen", next to the new user with a password), sees the invitation
// among the open ones; the test reads the mail from the e2e harness's SMTP sink (bin/onesales-mailsink), opens its
// link in the browser, sets a password on the server's page, and the colleague signs in through the desktop's
// sign-in screen. Then the colleague forgets the password: "Passwort vergessen?" on the sign-in screen, the reset
// mail's link, a new password, and the sign-in with it. Addresses carry a per-run suffix, so the scenario depends on
// no fresh database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  SERVER_URL,
  choose,
  errorOf,
  launchBrowser,
  mailMatching,
  navigation,
  noDialog,
  openApp,
  screenshot,
  signIn,
  signInForm,
  signOut,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 300_000;
const MAILSINK_URL = process.env.E2E_MAILSINK_URL;

/** The link (with its token) in the newest mail to address whose subject matches. */
async function linkInMailTo(address, subject) {
  const mail = await mailMatching(
    (message) => message.to.includes(address) && subject.test(message.subject),
    `to ${address} matching ${subject}`,
  );
  const link = /(https?:\/\/\S+\?token=[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  assert.ok(link, `a link in the mail:\n${mail.text}`);
  assert.ok(mail.html.includes(link), 'the HTML part has the same link');
  return link;
}

/** Sets a password on a link page of the server (an invitation's or a password reset's) and returns the page's answer. */
async function setPasswordOnLinkPage(page, link, password) {
  await page.goto(link);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: 'Passwort festlegen' }).click();
  return page.getByRole('status');
}

describe('invitations and password reset', { timeout: TEST_TIMEOUT }, () => {
  let browser;
  before(async () => {
    assert.ok(MAILSINK_URL, 'E2E_MAILSINK_URL is set by scripts/e2e.sh');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('an admin invites a colleague, who sets a password through the link and signs in; then resets it', async () => {
    const suffix = uniqueSuffix();
    const colleague = { email: `eingeladen-${suffix}@nordlicht.example`, name: `Ina Eingeladen ${suffix}` };
    const firstPassword = `Willkommen-${suffix}`;
    const secondPassword = `Neu-gesetzt-${suffix}`;

    await withPage(browser, 'invite a colleague', async (page) => {
      await startSignedOut(page);
      await signIn(page, { ...ADMIN, password: DEMO_PASSWORD });

      // The first-run checklist: every step links to its screen, those done are ticked; hidden on request.
      const checklist = page.getByTestId('checklist-card');
      if (await checklist.isVisible()) {
        assert.equal(await checklist.getByTestId('checklist-step').count(), 6);
        assert.equal(
          await checklist.locator('[data-step="team"]').getAttribute('data-done'),
          'true',
          'the demo company has a team',
        );
        await screenshot(page, 'invite-checklist.png');
        await page.getByTestId('checklist-dismiss').click();
        await checklist.waitFor({ state: 'detached' });
      }

      await navigation(page).getByRole('link', { name: 'Benutzer' }).click();
      await page.getByTestId('invite-button').click();
      const dialog = page.getByRole('dialog', { name: 'Kollegin oder Kollegen einladen' });
      const email = dialog.getByLabel('E-Mail-Adresse');
      await email.fill('keine-adresse');
      await dialog.getByRole('button', { name: 'Einladung senden' }).click();
      assert.equal(await errorOf(email), 'Bitte geben Sie eine gültige E-Mail-Adresse ein.');
      await email.fill(colleague.email);
      await dialog.getByLabel('Name').fill(colleague.name);
      await choose(page, 'Einheit', 'Innendienst');
      await choose(page, 'Rolle', 'Innendienst');
      await screenshot(page, 'invite-form.png');
      await dialog.getByRole('button', { name: 'Einladung senden' }).click();
      await page.getByText(`Die Einladung an ${colleague.email} ist unterwegs.`).waitFor();
      await noDialog(page);
      const row = page.locator(`[data-testid="invitation-row"][data-email="${colleague.email}"]`);
      await row.waitFor();
      assert.match(await row.textContent(), /Claudia Becker/, 'the open invitation names who invited');
      assert.match(await row.textContent(), /Innendienst \/ Innendienst/);
      await screenshot(page, 'invite-pending.png');
      await signOut(page);

      // The mail's link opens the server's page, where the colleague sets a password.
      const invitation = await linkInMailTo(colleague.email, /^Einladung zu Nordlicht Bürotechnik GmbH/);
      assert.ok(invitation.startsWith(`${SERVER_URL}/invitation?token=`), `link ${invitation}`);
      const done = await setPasswordOnLinkPage(page, invitation, firstPassword);
      assert.match(await done.textContent(), /Ihr Konto ist angelegt/);
      await screenshot(page, 'invite-accepted.png');
      // Once only.
      await page.goto(invitation);
      await page.getByText('Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt.').waitFor();

      // The colleague signs in through the desktop's sign-in screen.
      assert.equal(await openApp(page), 'sign-in');
      await signIn(page, { ...colleague, password: firstPassword });
      assert.match(await userMenu(page).textContent(), new RegExp(colleague.name));
      await signOut(page);

      // The admin's list has no open invitation for the colleague any more.
      await signIn(page, { ...ADMIN, password: DEMO_PASSWORD });
      await navigation(page).getByRole('link', { name: 'Benutzer' }).click();
      await page.locator(`[data-testid="user-row"][data-email="${colleague.email}"]`).waitFor();
      assert.equal(await row.count(), 0, 'the accepted invitation is no longer open');
      await signOut(page);
    });

    await withPage(browser, 'forgotten password', async (page) => {
      await startSignedOut(page);
      await page.getByRole('button', { name: 'Passwort vergessen?' }).click();
      const dialog = page.getByRole('dialog', { name: 'Passwort vergessen' });
      await dialog.getByLabel('Server-Adresse').fill(SERVER_URL);
      await dialog.getByLabel('E-Mail-Adresse').fill(colleague.email);
      await dialog.getByRole('button', { name: 'Link anfordern' }).click();
      await dialog.getByTestId('forgot-sent').waitFor();
      assert.match(await dialog.getByTestId('forgot-sent').textContent(), /ein Konto besteht, ist eine E-Mail/);
      await screenshot(page, 'forgot-password-sent.png');
      // The dialog's own button under the message (the header's close button has the same name).
      await dialog.getByTestId('forgot-sent').locator('xpath=..').getByRole('button', { name: 'Schließen' }).click();
      await noDialog(page);

      const reset = await linkInMailTo(colleague.email, /^Neues Passwort für 1sales/);
      const done = await setPasswordOnLinkPage(page, reset, secondPassword);
      assert.match(await done.textContent(), /Ihr Passwort ist geändert/);

      assert.equal(await openApp(page), 'sign-in');
      await signInForm(page).waitFor();
      await signIn(page, { ...colleague, password: secondPassword });
      assert.match(await userMenu(page).textContent(), new RegExp(colleague.name));
      await signOut(page);
    });
  });
});
