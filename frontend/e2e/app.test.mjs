// End-to-end scenarios through the real desktop app (see support.mjs). They run in order in one file because they
// share one Go process, and so one session; each starts signed out and does not depend on another's outcome.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  FIELD_USER,
  STEP_TIMEOUT,
  choose,
  fillSignIn,
  launchBrowser,
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

const TEST_TIMEOUT = 120_000;

describe('1sales desktop app', { concurrency: false }, () => {
  let browser;
  /** The user scenario (b) creates, for scenario (c); null when (b) did not get that far. */
  let createdUser = null;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('(a) a wrong password shows the translated error and keeps the input', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'wrong password', async (page) => {
      await startSignedOut(page);
      await screenshot(page, 'sign-in.png');

      await fillSignIn(page, { email: ADMIN.email, password: 'definitiv-falsch' });

      const error = page.getByTestId('sign-in-error');
      await error.waitFor({ state: 'visible' });
      assert.match(await error.innerText(), /E-Mail-Adresse oder Passwort ist falsch\./);
      assert.equal(await error.getAttribute('data-code'), 'auth.invalid_credentials');
      assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), ADMIN.email);
      assert.equal(await page.getByLabel('Passwort', { exact: true }).inputValue(), 'definitiv-falsch');
      assert.equal(await userMenu(page).count(), 0);
      await screenshot(page, 'sign-in-wrong-password.png');
    }),
  );

  test('(b) the admin signs in, creates a unit and a user in it, and sees both', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'admin', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

      await assert.doesNotReject(navigation(page).getByText('Einstellungen', { exact: true }).waitFor());
      assert.equal(await userMenu(page).getByTestId('user-name').innerText(), ADMIN.name);
      assert.equal(await userMenu(page).getByTestId('user-role').innerText(), 'Administrator');
      assert.equal(await page.getByTestId('tenant-name').innerText(), 'Nordlicht Bürotechnik GmbH');
      const welcome = page.getByTestId('welcome-card');
      assert.match(await welcome.innerText(), /Willkommen, Claudia Becker!/);
      assert.equal((await page.getByTestId('fact-storage').innerText()).replace(/\s/g, ' '), '50 GB');
      assert.equal(await page.getByTestId('fact-pipelines').innerText(), 'unbegrenzt');
      await screenshot(page, 'signed-in.png');

      const suffix = uniqueSuffix();
      const unitName = `E2E Team ${suffix}`;
      const user = {
        name: `Erika Test ${suffix}`,
        email: `e2e.${suffix}@nordlicht.example`,
        password: `Start-${suffix}-2026`,
      };

      // A unit below "Außendienst Nord".
      await navigation(page).getByRole('link', { name: 'Einheiten' }).click();
      await page.getByTestId('units-table').waitFor();
      await page.getByRole('button', { name: 'Einheit anlegen' }).click();
      const unitDialog = page.getByRole('dialog', { name: 'Einheit anlegen' });
      await unitDialog.getByLabel('Name').fill(unitName);
      await choose(page, 'Übergeordnete Einheit', 'Außendienst Nord');
      await unitDialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);
      const unitRow = page.locator(`[data-testid="unit-row"][data-name="${unitName}"]`);
      await unitRow.waitFor();
      assert.equal(await unitRow.getAttribute('data-depth'), '2');
      await screenshot(page, 'units.png');

      // A user in that unit with the Außendienst role.
      await navigation(page).getByRole('link', { name: 'Benutzer' }).click();
      await page.getByTestId('users-table').waitFor();
      await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
      const userDialog = page.getByRole('dialog', { name: 'Benutzer anlegen' });
      await userDialog.getByLabel('Name').fill(user.name);
      await userDialog.getByLabel('E-Mail-Adresse').fill(user.email);
      await userDialog.getByLabel('Initiales Passwort').fill(user.password);
      await choose(page, 'Einheit', unitName);
      await choose(page, 'Rolle', 'Außendienst');
      await userDialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);
      const userRow = page.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
      await userRow.waitFor();
      // textContent: the status badge is upper-cased by CSS only.
      const cells = await userRow.getByRole('cell').allTextContents();
      assert.deepEqual(
        cells.slice(0, 5).map((cell) => cell.trim()),
        [user.name, user.email, unitName, 'Außendienst', 'aktiv'],
      );
      createdUser = { ...user, unitName };
      await screenshot(page, 'users.png');

      // The new unit now counts one user.
      await navigation(page).getByRole('link', { name: 'Einheiten' }).click();
      await unitRow.waitFor();
      assert.equal((await unitRow.getByRole('cell').nth(1).innerText()).trim(), '1');

      // The roles and the Außendienst role's matrix, for the record.
      await navigation(page).getByRole('link', { name: 'Rollen' }).click();
      await page.getByTestId('roles-table').waitFor();
      await page.getByRole('button', { name: '„Außendienst“ bearbeiten' }).click();
      const roleDialog = page.getByRole('dialog', { name: 'Rolle bearbeiten' });
      await roleDialog.getByTestId('grant-matrix').waitFor();
      assert.equal(await roleDialog.getByLabel('Name').inputValue(), 'Außendienst');
      await screenshot(page, 'role-editor.png');
      await roleDialog.getByRole('button', { name: 'Abbrechen' }).click();
      await noDialog(page);
    }),
  );

  test('(c) a user without admin rights does not see the settings', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'field user', async (page) => {
      const user = createdUser ?? { ...FIELD_USER, password: DEMO_PASSWORD, unitName: 'Außendienst Nord' };
      await startSignedOut(page);
      await signIn(page, user);

      assert.equal(await userMenu(page).getByTestId('user-name').innerText(), user.name);
      assert.equal(await userMenu(page).getByTestId('user-role').innerText(), 'Außendienst');
      assert.equal(await page.getByTestId('fact-unit').innerText(), user.unitName);
      await navigation(page).getByRole('link', { name: 'Dashboard' }).waitFor();
      assert.equal(await navigation(page).getByText('Einstellungen').count(), 0);
      // The lists the Außendienst role may see, its own imports, and no settings.
      assert.deepEqual(await navigation(page).getByRole('link').allInnerTexts(), [
        'Dashboard',
        'Aktivitäten',
        'Personen',
        'Organisationen',
        'Deals',
        'Leads',
        'Papierkorb',
        'Importe',
      ]);
      assert.match(await page.getByTestId('access-summary').innerText(), /Personen/);
      await screenshot(page, 'field-user.png');

      // A settings address typed by hand leads back to the start page.
      await page.goto(new URL('#/settings/users', page.url()).toString());
      await page.getByTestId('welcome-card').waitFor();
      assert.equal(await page.getByTestId('users-table').count(), 0);
    }),
  );

  test('(d) after a reload the app is still signed in, without the form', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'silent sign-in', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: FIELD_USER.email, password: DEMO_PASSWORD });

      await page.reload();
      await userMenu(page).waitFor();
      assert.equal(await signInForm(page).count(), 0);
      assert.equal(await userMenu(page).getByTestId('user-name').innerText(), FIELD_USER.name);

      // A second window of the same app (a fresh browser context) finds the session too.
      await withPage(browser, 'silent sign-in second window', async (second) => {
        assert.equal(await openApp(second), 'app');
        await screenshot(second, 'silent-sign-in.png');
      });
    }),
  );

  test('(e) signing out returns to the form, and a reload stays signed out', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'sign out', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

      await signOut(page);
      // The desktop remembers server and e-mail for the next sign-in.
      assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), ADMIN.email);
      assert.equal(await page.getByLabel('Passwort', { exact: true }).inputValue(), '');

      await page.reload();
      await signInForm(page).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      assert.equal(await userMenu(page).count(), 0);
      const state = await page.evaluate(() => window.go.app.Session.Resume());
      assert.equal(state.signedIn, false, 'the keyring entry must be gone after signing out');
      await screenshot(page, 'signed-out.png');
    }),
  );

  test(
    '(f) an edit after my own change in another window saves; deleting what is still in use is explained (409)',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'conflicts', async (page) => {
        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
        const original = 'Sabine Wagner';

        // This window opens the edit form ...
        await navigation(page).getByRole('link', { name: 'Benutzer' }).click();
        await page.getByTestId('users-table').waitFor();
        await page.getByRole('button', { name: `Aktionen für ${original}` }).click();
        await page.getByRole('menuitem', { name: 'Bearbeiten' }).click();
        const dialog = page.getByRole('dialog', { name: 'Benutzer bearbeiten' });
        await dialog.getByLabel('Name').waitFor();

        // ... while a second window (same session) renames the user.
        await withPage(browser, 'conflicts second window', async (other) => {
          assert.equal(await openApp(other), 'app');
          await navigation(other).getByRole('link', { name: 'Benutzer' }).click();
          await other.getByRole('button', { name: `Aktionen für ${original}` }).click();
          await other.getByRole('menuitem', { name: 'Bearbeiten' }).click();
          const otherDialog = other.getByRole('dialog', { name: 'Benutzer bearbeiten' });
          await otherDialog.getByLabel('Name').fill('Sabine Wagner-Berg');
          await otherDialog.getByRole('button', { name: 'Speichern' }).click();
          await noDialog(other);
        });

        // The change stream reported that change as the user's own (another window of the same user): the form raises
        // no conflict and saves against the new version, so the latest typed name wins without a 412. (A change the
        // stream did not report still fails with 412 and its explanation: features/live/editConflict.test.tsx.)
        await dialog.getByLabel('Name').fill('Sabine Wagner-Schulz');
        await dialog.getByRole('button', { name: 'Speichern' }).click();
        await noDialog(page);
        const row = page.locator('[data-testid="user-row"][data-email="sabine.wagner@nordlicht.example"]');
        await row.getByText('Sabine Wagner-Schulz').waitFor();

        // Put the demo data back.
        await page.getByRole('button', { name: 'Aktionen für Sabine Wagner-Schulz' }).click();
        await page.getByRole('menuitem', { name: 'Bearbeiten' }).click();
        await dialog.getByLabel('Name').fill(original);
        await dialog.getByRole('button', { name: 'Speichern' }).click();
        await noDialog(page);
        await row.getByText(original, { exact: true }).waitFor();

        // A unit with users cannot be deleted; the message says why.
        await navigation(page).getByRole('link', { name: 'Einheiten' }).click();
        await page.getByRole('button', { name: 'Aktionen für Innendienst' }).click();
        await page.getByRole('menuitem', { name: 'Löschen' }).click();
        await page.getByRole('dialog', { name: 'Einheit löschen?' }).getByRole('button', { name: 'Löschen' }).click();
        await page.getByText(/kann nicht gelöscht werden, solange ihr noch Benutzer oder Untereinheiten/).waitFor();
        await page.locator('[data-testid="unit-row"][data-name="Innendienst"]').waitFor();

        // Nor can a role that users hold.
        await navigation(page).getByRole('link', { name: 'Rollen' }).click();
        await page.getByRole('button', { name: '„Innendienst“ löschen' }).click();
        await page.getByRole('dialog', { name: 'Rolle löschen?' }).getByRole('button', { name: 'Löschen' }).click();
        await page.getByText(/ist noch Benutzern zugewiesen und kann daher nicht gelöscht werden/).waitFor();
        await screenshot(page, 'conflict-409.png');
      }),
  );

  test('(g) the language switch changes the texts and is kept', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'language', async (page) => {
      await startSignedOut(page);
      try {
        await page.getByTestId('language-switch').getByText('English').click();
        await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
        assert.equal(await page.getByLabel('Server address').count(), 1);

        await page.reload();
        await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
        await screenshot(page, 'sign-in-english.png');
      } finally {
        await page.evaluate(() => window.go.app.Session.SetLanguage('de'));
      }
    }),
  );
});
