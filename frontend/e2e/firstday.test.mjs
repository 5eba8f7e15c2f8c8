// End-to-end scenarios of what a German sales team meets on its first day (issue 16, parts 1 and 2), through the
// real desktop app (see support.mjs): a lead converted into a new organisation whose record type has a required
// custom field (the dialog asks for it, says what is missing next to it, and the conversion succeeds), and the
// history of the deal that came of it after a stage move, a value change, the loss and an activity planned, done and
// deleted, read in German with formatted values. Names carry a per-run suffix; the required field is archived at
// the end, so the other scenarios can create organisations without it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  APP_URL,
  DEMO_PASSWORD,
  api,
  apiSession,
  choose,
  launchBrowser,
  noDialog,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
  errorOf,
} from './support.mjs';

const TEST_TIMEOUT = 300_000;

/** The history as the user reads it, newest first: each entry's heading and its change lines (spaces collapsed). */
async function historyOf(page) {
  const history = page.getByTestId('history');
  await history.getByTestId('history-entry').first().waitFor();
  const squash = (text) => text.replace(/\s+/g, ' ').trim();
  return history
    .getByTestId('history-entry')
    .evaluateAll((entries) =>
      entries.map((entry) => ({
        action: entry.querySelector('[data-testid="history-action"]')?.textContent ?? '',
        changes: [...entry.querySelectorAll('[data-testid="history-change"]')].map((line) => line.textContent ?? ''),
      })),
    )
    .then((entries) => entries.map((e) => ({ action: squash(e.action), changes: e.changes.map(squash) })));
}

/** Opens the deal's edit form, lets change fill it and saves. */
async function editDeal(page, change) {
  await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Deal bearbeiten' });
  await dialog.waitFor();
  await change(dialog);
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await noDialog(page);
}

describe('the first day: conversion without dead ends, history in German', () => {
  let browser;
  let admin;
  /** Archived when the scenario ends (a required field of every new organisation otherwise). */
  let requiredField;

  before(async () => {
    browser = await launchBrowser();
    admin = await apiSession(ADMIN.email);
  });

  after(async () => {
    if (requiredField) {
      await api(admin.accessToken, 'DELETE', `/api/v1/custom-fields/${requiredField.id}`, undefined, {
        'If-Match': `"${requiredField.version}"`,
      });
    }
    await browser?.close();
  });

  test(
    "a lead becomes a new organisation with a required field, and its deal's history reads in German",
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'firstday conversion and history', async (page) => {
        const suffix = uniqueSuffix();
        const fieldLabel = `Kundennummer ${suffix}`;
        const company = `Hansen Logistik ${suffix}`;
        const contact = `Jana Hansen ${suffix}`;
        const leadTitle = `Flottenausstattung ${suffix}`;
        const token = admin.accessToken;

        // Setup through the API: the organisations' required field, and a lead in the demo's lead pipeline.
        requiredField = await api(token, 'POST', '/api/v1/custom-fields', {
          recordType: 'organization',
          label: fieldLabel,
          kind: 'text',
          required: true,
          position: 99,
        });
        const leadPipelines = await api(token, 'GET', '/api/v1/pipelines?recordType=lead');
        const lead = await api(token, 'POST', '/api/v1/leads', {
          title: leadTitle,
          personName: contact,
          company,
          email: `jana.${suffix}@hansen.example`,
          pipelineId: leadPipelines.items[0].id,
        });

        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
        await page.goto(`${APP_URL}/#/leads/${lead.id}`);
        await page.getByTestId('lead-detail').waitFor();
        await page.getByRole('button', { name: 'Konvertieren' }).click();
        const convert = page.getByRole('dialog', { name: 'Lead konvertieren' });
        const organization = convert.getByTestId('convert-organization');
        // The new organisation's required field is asked for in the dialog.
        const input = organization.getByRole('textbox', { name: fieldLabel });
        await input.waitFor();
        await organization.getByText('Pflichtfelder der neuen Organisation').waitFor();

        // A deal too, with a value; the pipeline is preselected when there is only one.
        await convert.getByRole('checkbox', { name: 'Deal anlegen' }).check();
        await convert.getByLabel('Wert').fill('12.345,67');
        const pipeline = convert.getByRole('combobox', { name: /^Pipeline/ });
        if ((await pipeline.inputValue()) === '') await choose(page, /^Pipeline/, 'Bestellung auf Rechnung');
        assert.equal(await pipeline.inputValue(), 'Bestellung auf Rechnung');

        // Left empty, the field says so next to it, and nothing is sent.
        await convert.getByRole('button', { name: 'Konvertieren' }).click();
        await organization.getByText('Bitte füllen Sie dieses Feld aus.').waitFor();
        assert.equal(await errorOf(input), 'Bitte füllen Sie dieses Feld aus.');
        const dialogText = await convert.innerText();
        assert.ok(!dialogText.includes(requiredField.id), 'the dialog shows no field ID');
        assert.ok(!/custom\.|organization\./.test(dialogText), 'the dialog shows no field key');
        await screenshot(page, 'firstday-conversion-required-field.png');

        // Filled in, the conversion succeeds and the organisation carries the value.
        await input.fill('K-4711');
        await screenshot(page, 'firstday-conversion-filled.png');
        await convert.getByRole('button', { name: 'Konvertieren' }).click();
        await noDialog(page);
        await page.getByText('Der Lead wurde konvertiert.').waitFor();
        await page.getByTestId('person-detail').waitFor();
        const converted = await api(token, 'GET', `/api/v1/leads/${lead.id}`);
        assert.equal(converted.status, 'converted');
        const org = await api(token, 'GET', `/api/v1/organizations/${converted.convertedOrganizationId}`);
        assert.equal(org.name, company);
        assert.equal(org.custom[requiredField.id], 'K-4711');
        await page.goto(`${APP_URL}/#/organizations/${org.id}`);
        await page.getByTestId('organization-detail').waitFor();
        assert.match(await page.getByTestId('organization-detail').innerText(), /K-4711/);

        // The deal: moved a stage, its value changed, lost with a reason and a comment (through its page).
        const dealId = converted.convertedDealId;
        assert.ok(dealId, 'the conversion made a deal');
        await page.goto(`${APP_URL}/#/deals/${dealId}`);
        await page.getByTestId('deal-detail').waitFor();
        assert.equal(await page.getByTestId('deal-stage').innerText(), 'Erste Kontaktaufnahme');
        await editDeal(page, async (dialog) => {
          await dialog.getByRole('combobox', { name: /^Phase/ }).click();
          await page.getByRole('option', { name: 'Anfrage eingegangen', exact: true }).click();
        });
        await page.getByTestId('deal-stage').getByText('Anfrage eingegangen').waitFor();
        await editDeal(page, async (dialog) => {
          await dialog.getByLabel('Wert').fill('15.000');
        });
        await page.getByRole('button', { name: 'Verloren', exact: true }).click();
        const lost = page.getByRole('dialog', { name: 'Als verloren markieren' });
        await lost.getByRole('combobox', { name: /^Verlustgrund/ }).click();
        await page.getByRole('option', { name: 'Preis zu hoch', exact: true }).click();
        await lost.getByLabel('Kommentar').fill('Wettbewerber 10 % günstiger');
        await lost.getByRole('button', { name: 'Als verloren markieren' }).click();
        await noDialog(page);
        await page.getByText('Der Deal wurde als verloren markiert.').waitFor();

        // An activity on the deal, planned for 31.01.2027 10:00 where the app runs, done and deleted.
        const due = await page.evaluate(() => new Date(2027, 0, 31, 10, 0).toISOString());
        const types = await api(token, 'GET', '/api/v1/activity-types');
        const call = types.items.find((type) => type.name === 'Anruf');
        let activity = await api(token, 'POST', '/api/v1/activities', {
          title: 'Angebot nachfassen',
          typeId: call.id,
          dueAt: due,
          dealId,
        });
        activity = await api(
          token,
          'PATCH',
          `/api/v1/activities/${activity.id}`,
          { done: true },
          {
            'If-Match': `"${activity.version}"`,
          },
        );
        await api(token, 'DELETE', `/api/v1/activities/${activity.id}`, undefined, {
          'If-Match': `"${activity.version}"`,
        });

        await page.reload();
        await page.getByTestId('deal-detail').waitFor();
        const sentence = 'Anruf „Angebot nachfassen“ für 31.01.2027, 10:00';
        await page.getByTestId('history').getByText(`Aktivität gelöscht: ${sentence}`).waitFor();
        const entries = await historyOf(page);
        const stage0 = 'Erste Kontaktaufnahme';
        assert.deepEqual(
          entries.map((entry) => entry.action),
          [
            `Aktivität gelöscht: ${sentence}`,
            `Aktivität erledigt: ${sentence}`,
            `Aktivität geplant: ${sentence}`,
            'geändert',
            'geändert',
            'geändert',
            'angelegt',
          ],
        );
        assert.deepEqual(entries[3].changes, [
          'Status: Offen → Verloren',
          'Verlustgrund: Preis zu hoch',
          'Kommentar zum Verlust: Wettbewerber 10 % günstiger',
        ]);
        assert.deepEqual(entries[4].changes, ['Wert: 12.345,67 € → 15.000,00 €']);
        assert.deepEqual(entries[5].changes, [`Phase: ${stage0} → Anfrage eingegangen`]);
        assert.deepEqual(entries[6].changes, [
          `Titel: ${leadTitle}`,
          'Wert: 12.345,67 €',
          'Währung: EUR',
          `Person: ${contact}`,
          `Organisation: ${company}`,
          'Pipeline: Bestellung auf Rechnung',
          `Phase: ${stage0}`,
          'Status: Offen',
          `Besitzer: ${ADMIN.name}`,
        ]);
        const everything = entries.flatMap((entry) => [entry.action, ...entry.changes]).join('\n');
        assert.ok(
          !/\b(stage|lostReason|value|open|lost)\b|\d{5}\.\d{2}|\d{4}-\d{2}-\d{2}/.test(everything),
          everything,
        );
        await page.getByTestId('history').scrollIntoViewIfNeeded();
        await screenshot(page, 'firstday-deal-history.png');
        await page.getByTestId('history').getByTestId('history-entry').last().scrollIntoViewIfNeeded();
        await screenshot(page, 'firstday-deal-history-created.png');

        // The lead's history names what it became.
        await page.goto(`${APP_URL}/#/leads/${lead.id}`);
        await page.getByTestId('lead-detail').waitFor();
        const leadEntries = await historyOf(page);
        assert.deepEqual(leadEntries[0].changes, [
          'Status: Offen → Konvertiert',
          `Person: ${contact}`,
          `Organisation: ${company}`,
          `Deal: ${leadTitle}`,
        ]);
        await page.getByTestId('history').scrollIntoViewIfNeeded();
        await screenshot(page, 'firstday-lead-history.png');
      }),
  );
});
