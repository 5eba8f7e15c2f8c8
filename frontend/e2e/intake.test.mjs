// End-to-end scenario of the lead intake through the real desktop app (see support.mjs): an admin creates a lead
// source with a mapping, an assignment rule and an API key in the settings; the supplier simulator
// (`onesales-server simulate-supplier`) delivers a batch and the supplier one more lead that duplicates a person of
// the field rep; the rep, signed in meanwhile, is notified, finds exactly his new leads under the source filter
// in the source's stage, and sees the duplicate hint on the one. Names carry a per-run suffix.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  FIELD_USER,
  SERVER_URL,
  launchBrowser,
  navigation,
  noDialog,
  screenshot,
  signIn,
  signOut,
  startSignedOut,
  uniqueSuffix,
  withPage,
  api,
  apiSession,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const SERVER_BIN = fileURLToPath(new URL('../../bin/onesales-server', import.meta.url));
// The simulator's seed 16 makes 4 of its first 10 leads Hamburg, Kiel or Bremen ones (PLZ area 2).
const SIMULATOR_SEED = '16';

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

/** Picks an option of a Select on the page (not in a dialog) by its label. */
async function pick(scope, label, option) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await scope.page().getByRole('option', { name: option, exact: true }).click();
}

async function tokenOf(email) {
  return (await apiSession(email)).accessToken;
}

describe('lead intake', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test(
    'an admin sets up a source; delivered leads reach the field rep with a notification, in the stage and with a duplicate hint',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'intake', async (page) => {
        const suffix = uniqueSuffix();
        const sourceName = `1leads ${suffix}`;
        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

        // The source: its name, the rest as the dialog proposes (the first lead pipeline, the admin as fallback).
        await openNav(page, 'Lead-Quellen');
        await page.getByRole('button', { name: 'Lead-Quelle anlegen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Lead-Quelle anlegen' });
        await dialog.getByRole('textbox', { name: 'Name' }).fill(sourceName);
        await dialog.getByRole('button', { name: 'Speichern' }).click();
        await noDialog(page);
        const form = page.getByTestId('lead-source-form');
        await form.waitFor();
        const sourceId = page.url().split('/').pop();
        assert.match(sourceId, /^[0-9a-f-]{36}$/);

        // The mapping: one more field of this supplier ("Kampagne" is the lead's channel).
        const mapping = page.getByTestId('mapping-editor');
        const rowsBefore = await mapping.getByTestId('mapping-row').count();
        assert.ok(rowsBefore > 10, 'a new source starts with the default mapping');
        await mapping.getByRole('button', { name: 'Zuordnung hinzufügen' }).click();
        const n = rowsBefore + 1;
        await mapping.getByLabel(`Feld der Quelle (Zeile ${n})`).fill('Kampagne');
        await mapping.getByRole('combobox', { name: `Lead-Feld (Zeile ${n})` }).click();
        await page.getByRole('option', { name: 'Quelle (Kanal)', exact: true }).click();

        // The rule: PLZ area 2 goes to Jonas Schmidt, the rest to the fallback owner.
        const rules = page.getByTestId('rules-editor');
        await rules.getByRole('button', { name: 'Regel hinzufügen' }).click();
        const rule = rules.getByTestId('rule-row').first();
        await rule.getByLabel('PLZ von').fill('20');
        await rule.getByLabel('PLZ bis').fill('29');
        await pick(rule, 'Zuweisen an', FIELD_USER.name);
        await form.getByRole('button', { name: 'Speichern' }).click();
        await page.getByText('Die Lead-Quelle wurde gespeichert.').first().waitFor();

        // The API key, shown once.
        await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
        const secret = ((await page.getByTestId('secret-value').textContent()) ?? '').trim();
        assert.match(secret, /^1sk_/);
        await screenshot(page, 'intake-key.png');
        await page.getByRole('button', { name: 'Ich habe ihn gespeichert' }).click();
        await noDialog(page);
        await page.getByTestId('key-row').first().waitFor();
        await screenshot(page, 'intake-source.png');
        await signOut(page);

        // The field rep works in the app while the leads arrive.
        await signIn(page, { email: FIELD_USER.email, password: DEMO_PASSWORD });
        const jonas = await tokenOf(FIELD_USER.email);
        const mine = await api(jonas, 'POST', '/api/v1/persons/query', { owner: 'me', limit: 200 });
        const person = mine.items.find((p) => p.emails.length > 0);
        assert.ok(person, 'Jonas owns a person with an e-mail address');

        const env = { ...process.env, ONESALES_SOURCE_KEY: secret };
        const simulate = promisify(execFile);
        const { stdout } = await simulate(
          SERVER_BIN,
          [
            'simulate-supplier',
            '-url',
            SERVER_URL,
            '-source',
            sourceId,
            '-batches',
            '1',
            '-size',
            '10',
            '-prefix',
            `E2E-${suffix}`,
            '-seed',
            SIMULATOR_SEED,
          ],
          { env },
        );
        assert.match(stdout, /batch 1: 10 created, 0 updated, 0 unchanged, 0 rejected/);
        const dupTitle = `Doppelt ${suffix}`;
        const delivered = await api(secret, 'POST', `/api/v1/intake/${sourceId}/leads`, {
          externalId: `E2E-${suffix}-dup`,
          fields: {
            Titel: dupTitle,
            Vorname: person.firstName,
            Nachname: person.lastName,
            'E-Mail': person.emails[0].value.toUpperCase(),
            PLZ: '20095',
            Ort: 'Hamburg',
            Kampagne: 'Frühjahrsaktion',
            Budget: 12000,
          },
        });
        assert.equal(delivered.items[0].status, 'created');
        assert.equal(delivered.items[0].possibleDuplicate, true);

        // The notification centre tells him while the app is open (the bell's list reloads when it opens).
        await page.getByTestId('notification-bell').click();
        await page
          .getByTestId('notification-item')
          .filter({ hasText: `Neuer Lead von ${sourceName}: ${dupTitle}` })
          .waitFor({ timeout: 45_000 });
        await screenshot(page, 'intake-notification.png');
        await page.keyboard.press('Escape');

        // His leads of the source: exactly those the rule gave him, in the source's stage.
        const expected = await api(jonas, 'POST', '/api/v1/leads/query', { sourceId, owner: 'me', limit: 200 });
        assert.equal(expected.total, 5, 'four simulated Hamburg/Kiel/Bremen leads and the duplicate');
        const pipelines = await api(jonas, 'GET', '/api/v1/pipelines?recordType=lead');
        const source = (await api(jonas, 'GET', '/api/v1/lead-sources')).items.find((s) => s.id === sourceId);
        const stage = pipelines.items.flatMap((p) => p.stages).find((s) => s.id === source.stageId);
        await openNav(page, 'Leads');
        await page.getByTestId('view-switch').getByText('Liste', { exact: true }).click();
        const list = page.getByTestId('leads-list');
        await list.getByTestId('list-total').waitFor();
        await list.getByTestId('filter-toggle').click();
        await pick(list.getByTestId('lead-source-filters'), 'Quelle', sourceName);
        const rows = page.locator('[data-testid="record-row"]');
        await page.waitForFunction(
          (want) => window.document.querySelectorAll('[data-testid="record-row"]').length === want,
          expected.items.length,
        );
        const names = (await rows.evaluateAll((els) => els.map((el) => el.dataset.name))).sort();
        assert.deepEqual(names, expected.items.map((l) => l.title).sort());
        for (const lead of expected.items) assert.equal(lead.stageId, source.stageId);
        await page.getByText(stage.name).first().waitFor();
        await screenshot(page, 'intake-leads.png');

        // The duplicate: its hint names the person and why; the unmapped field is a further detail.
        await page.locator(`[data-testid="record-row"][data-name="${dupTitle}"]`).getByRole('link').first().click();
        const hint = page.getByTestId('lead-duplicates');
        await hint.waitFor();
        const hintText = (await hint.textContent()) ?? '';
        assert.match(hintText, /gleiche E-Mail-Adresse/);
        assert.ok(hintText.includes(person.lastName), `the hint names ${person.lastName}: ${hintText}`);
        const details = page.getByTestId('lead-further-details');
        assert.match((await details.textContent()) ?? '', /Budget/);
        await page.getByText('Frühjahrsaktion').first().waitFor();
        await screenshot(page, 'intake-duplicate.png');
      }),
  );
});
