// End-to-end scenario of two-factor sign-in through the real desktop app (issue 18.4 and 18.5): a colleague (made
// for this run through the API, so that no other scenario's user needs a code) signs in, sets up two-factor sign-in
// on the account page (the test reads the key shown and computes the authenticator app's codes itself, RFC 6238
// with node:crypto), sees the recovery codes once, signs out, signs in again with the password and a code, and
// finds this device in the list of signed-in devices.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  api,
  apiSession,
  fillSignIn,
  launchBrowser,
  screenshot,
  signIn,
  signOut,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;

/** Decodes RFC 4648 base32 (the key authenticator apps take). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    assert.ok(index >= 0, `"${char}" is no base32 character`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The TOTP code (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) of secret for the step offset steps from now's. */
function totp(secret, offset = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('two-factor sign-in', { timeout: TEST_TIMEOUT }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a user sets up an authenticator app, signs in with a code and sees this device', async () => {
    assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 0).length, 6);
    const suffix = uniqueSuffix();
    const user = { email: `totp-${suffix}@nordlicht.example`, name: `Tanja Totp ${suffix}`, password: DEMO_PASSWORD };
    const admin = await apiSession(ADMIN.email);
    const units = await api(admin.accessToken, 'GET', '/api/v1/units');
    const roles = await api(admin.accessToken, 'GET', '/api/v1/roles');
    const role = roles.items.find((r) => !r.isAdmin) ?? roles.items[0];
    await api(admin.accessToken, 'POST', '/api/v1/users', {
      email: user.email,
      name: user.name,
      password: user.password,
      unitId: units.items[0].id,
      roleId: role.id,
    });

    await withPage(browser, 'two-factor sign-in', async (page) => {
      await startSignedOut(page);
      await signIn(page, user);
      await userMenu(page).click();
      await page.getByRole('menuitem', { name: 'Zwei-Faktor & Geräte' }).click();
      const card = page.getByTestId('two-factor');
      await card.getByText('Ausgeschaltet.').waitFor();
      await card.getByRole('button', { name: 'Einrichten' }).click();

      const setup = card.getByTestId('totp-setup');
      await setup.getByRole('img', { name: 'QR-Code für die Authenticator-App' }).waitFor();
      const secret = (await setup.getByTestId('totp-secret').textContent()).trim();
      assert.match(secret, /^[A-Z2-7]{16,}$/, 'the key is shown for typing in by hand');
      await screenshot(page, 'twofactor-setup.png');
      await setup.getByLabel('Code aus der Authenticator-App').fill(totp(secret));
      await setup.getByRole('button', { name: 'Bestätigen' }).click();

      const codes = card.getByTestId('recovery-codes');
      await codes.waitFor();
      const items = await codes.getByRole('listitem').allTextContents();
      assert.equal(items.length, 10, 'ten recovery codes are shown once');
      for (const code of items) assert.match(code.trim(), /^[a-z2-9]{5}-[a-z2-9]{5}$/);
      await screenshot(page, 'twofactor-recovery-codes.png');
      await codes.getByRole('button', { name: 'Ich habe die Codes gespeichert' }).click();
      await card.getByText(/^Eingeschaltet seit/).waitFor();

      await signOut(page);
      await fillSignIn(page, user);
      const step = page.getByTestId('second-factor-form');
      await step.waitFor();
      await screenshot(page, 'twofactor-code-step.png');
      // The code of the enrolment's step was spent; the next step's is within the server's window.
      await step.getByLabel('Code aus der Authenticator-App').fill(totp(secret, 1));
      await step.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await userMenu(page).waitFor({ state: 'visible' });

      await userMenu(page).click();
      await page.getByRole('menuitem', { name: 'Zwei-Faktor & Geräte' }).click();
      const devices = page.getByTestId('devices');
      const current = devices.locator('[data-testid="device"][data-current="true"]');
      await current.waitFor();
      const text = await current.textContent();
      assert.match(text, /Dieses Gerät/);
      assert.match(text, /Linux/, 'the operating system the desktop reported');
      assert.match(text, /Netz \d+\.\d+\.\d+\.0\/24|Netz [0-9a-f:]+\/48/, 'the address shown masked');
      await screenshot(page, 'twofactor-devices.png');
      await signOut(page);
    });
  });
});
