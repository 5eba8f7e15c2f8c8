// End-to-end scenario of "Hilfe & Support" through the real desktop app (see support.mjs): the admin sets the
// company's support address in Einstellungen → Unternehmen (a malformed one is refused next to the field); a field
// rep opens Hilfe & Support from the user menu, sees the versions, the server and the support address, is told
// next to the field that a request needs a text, ticks "Diagnosedaten anhängen" (off by default), sees what goes
// along and sends the request. The backend queues the mail and its worker sends it to the e2e harness's SMTP sink
// (bin/onesales-mailsink), from which the test reads it: to the support address, Reply-To the rep, with the
// diagnostics attached. Subject and address carry a per-run suffix, so the scenario depends on no fresh database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  FIELD_USER,
  errorOf,
  launchBrowser,
  mailMatching,
  navigation,
  screenshot,
  signIn,
  signOut,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const MAILSINK_URL = process.env.E2E_MAILSINK_URL;

/** The mail whose subject contains marker. */
const mailWith = (marker) => mailMatching((message) => message.subject.includes(marker), `with "${marker}"`);

describe('help and support', { timeout: TEST_TIMEOUT }, () => {
  let browser;
  before(async () => {
    assert.ok(MAILSINK_URL, 'E2E_MAILSINK_URL is set by scripts/e2e.sh');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a rep sends a support request with diagnostics, and it arrives at the company’s support address', async () => {
    const suffix = uniqueSuffix();
    const address = `support-${suffix}@nordlicht.example`;
    await withPage(browser, 'support request', async (page) => {
      await startSignedOut(page);
      await signIn(page, { ...ADMIN, password: DEMO_PASSWORD });
      await navigation(page).getByRole('link', { name: 'Unternehmen' }).click();
      const supportEmail = page.getByTestId('company-support-email');
      await supportEmail.fill('kein-at');
      await page.getByTestId('company-settings-form').getByRole('button', { name: 'Speichern' }).click();
      assert.match(
        await errorOf(supportEmail),
        /gültige E-Mail-Adresse/,
        'a malformed address is refused next to the field',
      );
      await supportEmail.fill(address);
      await page.getByTestId('company-settings-form').getByRole('button', { name: 'Speichern' }).click();
      await page.getByText('Die Einstellungen wurden gespeichert.').waitFor();
      await screenshot(page, 'support-company-settings.png');
      await signOut(page);

      await signIn(page, { ...FIELD_USER, password: DEMO_PASSWORD });
      await userMenu(page).click();
      await page.getByRole('menuitem', { name: 'Hilfe & Support' }).click();
      await page.getByRole('heading', { name: 'Hilfe & Support' }).waitFor();
      assert.notEqual(
        (await page.getByTestId('support-app-version').textContent()).trim(),
        '–',
        'the app version is shown',
      );
      assert.notEqual(
        (await page.getByTestId('support-server-version').textContent()).trim(),
        '–',
        'the server version is shown',
      );
      assert.equal(await page.getByTestId('support-address').inputValue(), address);

      const text = page.getByRole('textbox', { name: /Ihre Nachricht/ });
      await page.getByRole('button', { name: 'Anfrage senden' }).click();
      assert.equal(await errorOf(text), 'Bitte beschreiben Sie Ihr Anliegen.');

      const attach = page.getByRole('checkbox', { name: 'Diagnosedaten anhängen' });
      assert.equal(await attach.isChecked(), false, 'diagnostics are off by default');
      await page.getByRole('textbox', { name: /Betreff/ }).fill(`Export hängt ${suffix}`);
      await text.fill('Der Export der Personenliste bleibt bei 50 % stehen.\nWas kann ich tun?');
      await attach.check();
      const diagnostics = page.getByTestId('support-diagnostics');
      await diagnostics.waitFor();
      assert.match(await diagnostics.textContent(), /App-Version: .+Betriebssystem: .+Server: http/s);
      await screenshot(page, 'support-request.png');
      await page.getByRole('button', { name: 'Anfrage senden' }).click();
      await page.getByText(/Ihre Anfrage wurde an den Support übergeben/).waitFor();
      await screenshot(page, 'support-request-sent.png');
      assert.equal(await text.inputValue(), '', 'the form is empty again');
    });

    const mail = await mailWith(suffix);
    assert.deepEqual(mail.to, [address]);
    assert.equal(mail.subject, `Supportanfrage von ${FIELD_USER.name}: Export hängt ${suffix}`);
    assert.match(mail.replyTo, new RegExp(FIELD_USER.email.replace(/\./g, '\\.')));
    assert.match(mail.text, /Der Export der Personenliste bleibt bei 50 % stehen\.\nWas kann ich tun\?/);
    assert.match(mail.html, /<html lang="de">/);
    assert.equal(mail.attachments.length, 1, 'the diagnostics are attached');
    assert.equal(mail.attachments[0].name, 'diagnose.txt');
    assert.match(mail.attachments[0].content, /App version: .+\nOperating system: .+\nServer: http/);
    assert.doesNotMatch(mail.attachments[0].content, /jonas|schmidt/i, 'no personal data in the diagnostics');
  });
});
