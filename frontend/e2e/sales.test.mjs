// End-to-end scenarios of pipelines, deals and leads through the real desktop app (see support.mjs): pipeline
// settings, a deal dragged across the board and lost with a reason, the lead mapping, a lead moved on its board and
// converted into a person that carries the mapped value; a removed stage whose deals move where the admin says, the
// plan's limit on pipelines (a second company on the basic plan), German messages at bad deal input, and the deal
// list filtered by status, pipeline and stage and saved as a filter. Names carry a per-run suffix, so the scenarios
// depend neither on a fresh database nor on the other e2e files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  basicPlanAdmin,
  boardCard,
  boardColumn,
  dragCard,
  launchBrowser,
  navigation,
  noDialog,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
  errorOf,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

const column = boardColumn;
const card = boardCard;

async function waitForAttribute(locator, name, value) {
  await locator.and(locator.page().locator(`[${name}="${value}"]`)).waitFor();
}

async function createCustomField(page, tab, label) {
  await openNav(page, 'Eigene Felder');
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('button', { name: 'Feld anlegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Feld anlegen' });
  await dialog.getByLabel('Bezeichnung').fill(label);
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await noDialog(page);
  await page.locator(`[data-testid="custom-field-row"][data-label="${label}"]`).waitFor();
}

/** Creates a pipeline of the open tab (deals unless told) with stages [name, probability]. */
async function createPipeline(page, name, stages, { tab = 'Deals' } = {}) {
  await openNav(page, 'Pipelines');
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByTestId(tab === 'Deals' ? 'pipelines-deal' : 'pipelines-lead').waitFor();
  await page.getByRole('button', { name: 'Pipeline anlegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pipeline anlegen' });
  await fillPipeline(dialog, name, stages);
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await noDialog(page);
  await pipelineRow(page, name).waitFor();
}

async function fillPipeline(dialog, name, stages) {
  await dialog.getByLabel(/^Name/).fill(name);
  for (const [index, [stage, probability]] of stages.entries()) {
    const n = index + 1;
    if (n > 1) await dialog.getByRole('button', { name: 'Phase hinzufügen' }).click();
    await dialog.getByLabel(`Phase ${n}`, { exact: true }).fill(stage);
    await dialog.getByLabel(`Wahrscheinlichkeit von Phase ${n} (%)`).fill(probability);
  }
}

const pipelineRow = (page, name) => page.locator(`[data-testid="pipeline-row"][data-name="${name}"]`);

/** Creates an organisation; ends on its page. */
async function createOrganization(page, name) {
  await openNav(page, 'Organisationen');
  await page.getByRole('button', { name: 'Organisation anlegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Organisation anlegen' });
  await dialog.getByLabel(/^Name/).fill(name);
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await noDialog(page);
  await page.getByTestId('organization-detail').waitFor();
}

/** On an organisation's page: a deal for it in a pipeline and stage; waits until the page lists it. */
async function createRelatedDeal(page, { title, value, pipeline, stage }) {
  await page.getByTestId('related-deals').getByRole('button', { name: 'Deal anlegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deal anlegen' });
  await dialog.getByLabel(/^Titel/).fill(title);
  await dialog.getByLabel('Wert').fill(value);
  await dialog.getByRole('combobox', { name: /^Pipeline/ }).click();
  await page.getByRole('option', { name: pipeline, exact: true }).click();
  await dialog.getByRole('combobox', { name: /^Phase/ }).click();
  await page.getByRole('option', { name: stage, exact: true }).click();
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await noDialog(page);
  await page.locator(`[data-testid="related-deal"][data-name="${title}"]`).waitFor();
}

/** Opens the board of a deal pipeline. */
async function openDealBoard(page, pipeline) {
  await openNav(page, 'Deals');
  await page.getByTestId('view-switch').getByText('Board', { exact: true }).click();
  await page.getByTestId('pipeline-select').click();
  await page.getByRole('option', { name: pipeline, exact: true }).click();
  await page.getByTestId('deal-board').waitFor();
}

/** Picks an option of a Mantine Select by its accessible name within scope. */
async function selectOption(page, scope, label, option) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The options of an open Mantine Select (the listbox its input controls). */
async function optionsOf(page, combobox) {
  const listbox = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  await listbox.getByRole('option').first().waitFor();
  return listbox.getByRole('option').allInnerTexts();
}

/** Waits until a record list shows exactly these records (any order) and its total says as many. */
async function listShows(list, names) {
  const expected = [...names].sort();
  const testId = await list.getAttribute('data-testid');
  const current = () =>
    list.page().evaluate((id) => {
      const root = window.document.querySelector(`[data-testid="${id}"]`);
      return {
        rows: [...(root?.querySelectorAll('[data-testid="record-row"]') ?? [])].map((row) => row.dataset.name).sort(),
        total: root?.querySelector('[data-testid="list-total"]')?.dataset.total,
      };
    }, testId);
  try {
    await list.page().waitForFunction(
      ({ id, want }) => {
        const root = window.document.querySelector(`[data-testid="${id}"]`);
        if (!root) return false;
        const rows = [...root.querySelectorAll('[data-testid="record-row"]')].map((row) => row.dataset.name).sort();
        const total = root.querySelector('[data-testid="list-total"]')?.dataset.total;
        return JSON.stringify(rows) === JSON.stringify(want) && total === String(want.length);
      },
      { id: testId, want: expected },
    );
  } catch (error) {
    throw new Error(`the list shows ${JSON.stringify(await current())}, not ${JSON.stringify(expected)}`, {
      cause: error,
    });
  }
}

/**
 * Signs in as the admin and makes a deal pipeline with two stages and three deals of one organisation: one open in
 * the first stage, one open and one won in the second. Ends on the deal list with its filter panel open.
 */
async function filterScenario(page) {
  const suffix = uniqueSuffix();
  const names = {
    suffix,
    pipelineName: `E2E Filter ${suffix}`,
    early: `Früh ${suffix}`,
    offer: `Angebot offen ${suffix}`,
    won: `Angebot gewonnen ${suffix}`,
  };
  await startSignedOut(page);
  await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
  await createPipeline(page, names.pipelineName, [
    ['Erstgespräch', '20'],
    ['Angebot', '60'],
  ]);
  await createOrganization(page, `Filter Werke ${suffix}`);
  const pipeline = names.pipelineName;
  await createRelatedDeal(page, { title: names.early, value: '100', pipeline, stage: 'Erstgespräch' });
  await createRelatedDeal(page, { title: names.offer, value: '200', pipeline, stage: 'Angebot' });
  await createRelatedDeal(page, { title: names.won, value: '300', pipeline, stage: 'Angebot' });
  await page.locator(`[data-testid="related-deal"][data-name="${names.won}"]`).getByRole('link').click();
  await page.getByTestId('deal-detail').waitFor();
  await page.getByRole('button', { name: 'Gewonnen', exact: true }).click();
  await page.getByText('Der Deal wurde als gewonnen markiert.').waitFor();
  assert.equal(await page.getByTestId('deal-status').innerText(), 'Gewonnen');

  await openNav(page, 'Deals');
  await page.getByTestId('view-switch').getByText('Liste', { exact: true }).click();
  const list = page.getByTestId('deals-list');
  await list.getByTestId('list-total').waitFor();
  await list.getByTestId('filter-toggle').click();
  const filters = list.getByTestId('pipeline-filters');
  await filters.waitFor();
  return { ...names, list, filters, stage: filters.getByRole('combobox', { name: 'Phase', exact: true }) };
}

describe('sales', { concurrency: false }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a deal moves across the board of a new pipeline and is lost with a reason', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'sales deal board', async (page) => {
      const suffix = uniqueSuffix();
      const pipelineName = `E2E Vertrieb ${suffix}`;
      const orgName = `Board Werke ${suffix}`;
      const dealTitle = `Rahmenvertrag ${suffix}`;

      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

      // A pipeline with three stages and probabilities.
      await openNav(page, 'Pipelines');
      await page.getByTestId('pipelines-deal').waitFor();
      await page.getByRole('button', { name: 'Pipeline anlegen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Pipeline anlegen' });
      await dialog.getByLabel(/^Name/).fill(pipelineName);
      const stages = [
        ['Kontakt', '10'],
        ['Angebot', '50'],
        ['Verhandlung', '80'],
      ];
      for (const [index, [name, probability]] of stages.entries()) {
        const n = index + 1;
        if (n > 1) await dialog.getByRole('button', { name: 'Phase hinzufügen' }).click();
        await dialog.getByLabel(`Phase ${n}`, { exact: true }).fill(name);
        await dialog.getByLabel(`Wahrscheinlichkeit von Phase ${n} (%)`).fill(probability);
      }
      await screenshot(page, 'sales-pipeline-settings.png');
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);
      const pipelineRow = page.locator(`[data-testid="pipeline-row"][data-name="${pipelineName}"]`);
      await pipelineRow.waitFor();
      assert.match(await pipelineRow.textContent(), /Angebot · 50 %/);

      // An organisation, and a deal for it from its page.
      await openNav(page, 'Organisationen');
      await page.getByRole('button', { name: 'Organisation anlegen' }).click();
      const orgDialog = page.getByRole('dialog', { name: 'Organisation anlegen' });
      await orgDialog.getByLabel(/^Name/).fill(orgName);
      await orgDialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);
      await page.getByTestId('organization-detail').waitFor();
      await page.getByTestId('related-deals').getByRole('button', { name: 'Deal anlegen' }).click();
      const dealDialog = page.getByRole('dialog', { name: 'Deal anlegen' });
      await dealDialog.getByLabel(/^Titel/).fill(dealTitle);
      await dealDialog.getByLabel('Wert').fill('1.234,56');
      await dealDialog.getByRole('combobox', { name: /^Pipeline/ }).click();
      await page.getByRole('option', { name: pipelineName, exact: true }).click();
      await dealDialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);
      const related = page.locator(`[data-testid="related-deal"][data-name="${dealTitle}"]`);
      await related.waitFor();
      assert.match(await related.innerText(), /Kontakt · 1\.234,56\s€/);

      // The board of the pipeline: the deal in the first column, then dragged to the second.
      await openNav(page, 'Deals');
      await page.getByTestId('pipeline-select').click();
      await page.getByRole('option', { name: pipelineName, exact: true }).click();
      await card(page, dealTitle).waitFor();
      await waitForAttribute(column(page, 'Kontakt'), 'data-count', '1');
      assert.equal(await column(page, 'Kontakt').getAttribute('data-total'), '1234.56');
      assert.match(await column(page, 'Kontakt').getByTestId('column-total').innerText(), /1\.234,56\s€/);

      await dragCard(page, card(page, dealTitle), column(page, 'Angebot'));
      await column(page, 'Angebot').locator(`[data-testid="board-card"][data-name="${dealTitle}"]`).waitFor();
      await waitForAttribute(column(page, 'Angebot'), 'data-count', '1');
      await waitForAttribute(column(page, 'Kontakt'), 'data-count', '0');
      assert.match(await column(page, 'Angebot').getByTestId('column-total').innerText(), /1\.234,56\s€/);
      assert.match(await column(page, 'Angebot').getByTestId('column-weighted').innerText(), /617,28\s€/);
      assert.match(await column(page, 'Kontakt').getByTestId('column-total').innerText(), /0,00\s€/);
      // After the server's answer and the reload, the board still says so.
      await page.reload();
      await waitForAttribute(column(page, 'Angebot'), 'data-count', '1');
      await screenshot(page, 'sales-deal-board.png');

      // Lost: without a reason the dialog says what is missing next to the field; with one the deal is lost.
      await card(page, dealTitle).click();
      await page.getByTestId('deal-detail').waitFor();
      assert.equal(await page.getByTestId('deal-stage').innerText(), 'Angebot');
      await page.getByRole('button', { name: 'Verloren', exact: true }).click();
      const lost = page.getByRole('dialog', { name: 'Als verloren markieren' });
      await lost.getByRole('button', { name: 'Als verloren markieren' }).click();
      const reason = lost.getByRole('combobox', { name: /^Verlustgrund/ });
      await lost.getByText('Bitte wählen Sie einen Verlustgrund.').waitFor();
      assert.equal(await errorOf(reason), 'Bitte wählen Sie einen Verlustgrund.');
      await reason.click();
      await page.getByRole('option', { name: 'Preis zu hoch', exact: true }).click();
      await lost.getByLabel('Kommentar').fill('Budget halbiert');
      await lost.getByRole('button', { name: 'Als verloren markieren' }).click();
      await noDialog(page);
      await page.getByText('Der Deal wurde als verloren markiert.').waitFor();
      assert.equal(await page.getByTestId('deal-status').innerText(), 'Verloren');
      assert.equal(await page.getByTestId('deal-lost-reason').innerText(), 'Preis zu hoch');
      await screenshot(page, 'sales-deal-detail.png');
    }),
  );

  test(
    'a lead is moved, converted into a new person and its mapped custom value arrives',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'sales lead conversion', async (page) => {
        const suffix = uniqueSuffix();
        const leadLabel = `Messe-Code ${suffix}`;
        const personLabel = `Erstkontakt-Code ${suffix}`;
        const leadTitle = `Messeanfrage ${suffix}`;
        const contact = `Lea Lead ${suffix}`;
        const value = `HM-${suffix}`;

        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
        await createCustomField(page, 'Leads', leadLabel);
        await createCustomField(page, 'Personen', personLabel);

        // The mapping: the lead field fills the person field.
        await openNav(page, 'Lead-Zuordnung');
        const form = page.getByTestId('mapping-form');
        await form.waitFor();
        const rowCount = await form.getByTestId('mapping-row').count();
        await form.getByRole('button', { name: 'Zuordnung hinzufügen' }).click();
        const n = rowCount + 1;
        await form.getByRole('combobox', { name: `Lead-Feld ${n}`, exact: true }).click();
        await page.getByRole('option', { name: leadLabel, exact: true }).click();
        await form.getByRole('combobox', { name: `Zielfeld ${n}`, exact: true }).click();
        await page.getByRole('option', { name: personLabel, exact: true }).click();
        await form.getByRole('button', { name: 'Speichern' }).click();
        await page.getByText('Die Zuordnung wurde gespeichert.').waitFor();

        // A lead with the value.
        await openNav(page, 'Leads');
        await page.getByRole('button', { name: 'Lead anlegen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Lead anlegen' });
        await dialog.getByLabel(/^Titel/).fill(leadTitle);
        await dialog.getByLabel('Ansprechpartner').fill(contact);
        await dialog.getByLabel('E-Mail-Adresse').fill(`lea.${suffix}@messe.example`);
        await dialog.getByLabel(leadLabel).fill(value);
        await dialog.getByRole('button', { name: 'Anlegen' }).click();
        await noDialog(page);
        await page.getByTestId('lead-detail').waitFor();
        assert.equal(await page.getByTestId('lead-stage').innerText(), 'Neu');

        // On the lead board it moves to the next stage.
        await openNav(page, 'Leads');
        await card(page, leadTitle).waitFor();
        await dragCard(page, card(page, leadTitle), column(page, 'Kontaktiert'));
        await column(page, 'Kontaktiert').locator(`[data-testid="board-card"][data-name="${leadTitle}"]`).waitFor();
        await page.reload();
        await column(page, 'Kontaktiert').locator(`[data-testid="board-card"][data-name="${leadTitle}"]`).waitFor();

        // Converted into a new person (no organisation).
        await card(page, leadTitle).click();
        await page.getByTestId('lead-detail').waitFor();
        assert.equal(await page.getByTestId('lead-stage').innerText(), 'Kontaktiert');
        await page.getByRole('button', { name: 'Konvertieren' }).click();
        const convert = page.getByRole('dialog', { name: 'Lead konvertieren' });
        await convert.getByTestId('convert-person').waitFor();
        await screenshot(page, 'sales-conversion-dialog.png');
        await convert.getByRole('button', { name: 'Konvertieren' }).click();
        await noDialog(page);
        await page.getByTestId('person-detail').waitFor();
        assert.equal(await page.getByTestId('record-title').innerText(), contact);
        assert.match(await page.getByTestId('person-custom-fields').innerText(), new RegExp(value));

        // The lead is marked converted and links to the person.
        await page.goBack();
        await page.getByTestId('lead-conversion').waitFor();
        assert.equal(await page.getByTestId('lead-status').innerText(), 'Konvertiert');
        await page.getByTestId('converted-person').click();
        await page.getByTestId('person-detail').waitFor();
      }),
  );

  test(
    'removing a stage that holds deals asks where they go, and they arrive there on the board',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'sales stage removal', async (page) => {
        const suffix = uniqueSuffix();
        const pipelineName = `E2E Umbau ${suffix}`;
        const orgName = `Umbau Werke ${suffix}`;
        const first = `Umzug A ${suffix}`;
        const second = `Umzug B ${suffix}`;

        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
        await createPipeline(page, pipelineName, [
          ['Kontakt', '10'],
          ['Angebot', '50'],
          ['Abschluss', '90'],
        ]);
        await createOrganization(page, orgName);
        await createRelatedDeal(page, { title: first, value: '1.000', pipeline: pipelineName, stage: 'Angebot' });
        await createRelatedDeal(page, { title: second, value: '500,50', pipeline: pipelineName, stage: 'Angebot' });
        await openDealBoard(page, pipelineName);
        await waitForAttribute(column(page, 'Angebot'), 'data-count', '2');

        // Remove "Angebot": saving asks where its two deals go, and insists on an answer.
        await openNav(page, 'Pipelines');
        await pipelineRow(page, pipelineName).getByRole('button', { name: 'Bearbeiten' }).click();
        const dialog = page.getByRole('dialog', { name: 'Pipeline bearbeiten' });
        assert.equal(await dialog.getByLabel('Phase 2', { exact: true }).inputValue(), 'Angebot');
        await dialog.getByRole('button', { name: 'Phase 2 entfernen' }).click();
        await dialog.getByRole('button', { name: 'Speichern' }).click();
        const move = dialog.getByTestId('stage-move');
        await move.waitFor();
        assert.match(await move.innerText(), /In den entfernten Phasen liegen noch Einträge/);
        const target = move.getByRole('combobox', { name: /^Einträge aus „Angebot“ verschieben nach/ });
        assert.equal(await errorOf(target), 'Bitte füllen Sie dieses Feld aus.');
        await screenshot(page, 'sales-stage-removal.png');
        await target.click();
        // Only stages that stay are offered.
        assert.deepEqual(await optionsOf(page, target), ['Kontakt', 'Abschluss']);
        await page.getByRole('option', { name: 'Abschluss', exact: true }).click();
        assert.equal(await errorOf(target), '');
        await dialog.getByRole('button', { name: 'Verschieben und speichern' }).click();
        await noDialog(page);
        await page.getByText('Die Änderungen wurden gespeichert.').waitFor();
        // (textContent: the badges are shown in capitals.)
        const rowText = await pipelineRow(page, pipelineName).textContent();
        assert.doesNotMatch(rowText, /Angebot/);
        assert.match(rowText, /Kontakt · 10 %[\s\S]*Abschluss · 90 %/);

        // On the board the column is gone and both deals are in "Abschluss", with their sums.
        await openDealBoard(page, pipelineName);
        await waitForAttribute(column(page, 'Abschluss'), 'data-count', '2');
        assert.equal(await column(page, 'Angebot').count(), 0);
        assert.equal(await column(page, 'Kontakt').getAttribute('data-count'), '0');
        const closing = column(page, 'Abschluss');
        await closing.locator(`[data-testid="board-card"][data-name="${first}"]`).waitFor();
        await closing.locator(`[data-testid="board-card"][data-name="${second}"]`).waitFor();
        assert.equal(await closing.getAttribute('data-total'), '1500.50');
        assert.match(await closing.getByTestId('column-total').innerText(), /1\.500,50\s€/);
        await screenshot(page, 'sales-stage-removal-board.png');
      }),
  );

  test(
    'a pipeline beyond the basic plan’s limit is refused with a clear German message',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'sales pipeline limit', async (page) => {
        const suffix = uniqueSuffix();
        await startSignedOut(page);
        await signIn(page, basicPlanAdmin());

        // A new company on the basic plan: three pipelines for deals and leads together, none yet.
        await openNav(page, 'Pipelines');
        const usage = page.getByTestId('pipeline-limit');
        await usage.waitFor();
        assert.equal(await usage.getAttribute('data-max'), '3');
        assert.equal(await usage.getAttribute('data-used'), '0');
        assert.equal(
          await usage.innerText(),
          'Ihr Tarif erlaubt 3 Pipelines für Deals und Leads zusammen; angelegt sind 0.',
        );

        // Two for deals and one for leads take all three.
        await createPipeline(page, `Vertrieb ${suffix}`, [['Neu', '10']]);
        await createPipeline(page, `Projekte ${suffix}`, [['Neu', '10']]);
        await createPipeline(page, `Anfragen ${suffix}`, [['Neu', '0']], { tab: 'Leads' });
        await waitForAttribute(usage, 'data-used', '3');
        assert.match(await usage.innerText(), /^Höchstzahl an Pipelines erreicht/);

        // The fourth: the form stays open with the plan's message and what was typed.
        const tooMany = `Eine zu viel ${suffix}`;
        await page.getByRole('tab', { name: 'Deals', exact: true }).click();
        await page.getByRole('button', { name: 'Pipeline anlegen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Pipeline anlegen' });
        await fillPipeline(dialog, tooMany, [['Neu', '10']]);
        await dialog.getByRole('button', { name: 'Anlegen' }).click();
        const message = dialog.getByTestId('pipeline-limit-error');
        await message.waitFor();
        assert.equal(
          (await message.innerText()).replace(/\s+/g, ' ').trim(),
          'Höchstzahl an Pipelines erreicht Ihr Tarif erlaubt höchstens 3 Pipelines für Deals und Leads zusammen, und ' +
            'alle sind angelegt. Löschen Sie eine nicht mehr benötigte Pipeline oder wechseln Sie in einen Tarif ohne ' +
            'Begrenzung.',
        );
        assert.equal(await dialog.getByLabel(/^Name/).inputValue(), tooMany);
        await screenshot(page, 'sales-pipeline-limit.png');
        await dialog.getByRole('button', { name: 'Abbrechen' }).click();
        await noDialog(page);
        assert.equal(await pipelineRow(page, tooMany).count(), 0);
        assert.equal(await page.getByTestId('pipeline-row').count(), 2);
      }),
  );

  test('bad deal input is named next to the fields in German', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'sales deal validation', async (page) => {
      const suffix = uniqueSuffix();
      const orgName = `Prüf Werke ${suffix}`;
      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
      await createOrganization(page, orgName);

      await openNav(page, 'Deals');
      await page.getByRole('button', { name: 'Deal anlegen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Deal anlegen' });
      const title = `Negativ ${suffix}`;
      await dialog.getByLabel(/^Titel/).fill(title);
      await dialog.getByLabel('Wert').fill('-100');
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      const value = dialog.getByLabel('Wert');
      const person = dialog.getByRole('combobox', { name: 'Person', exact: true });
      const organization = dialog.getByRole('combobox', { name: 'Organisation', exact: true });
      await dialog.getByText('Der Wert darf nicht negativ sein.').waitFor();
      assert.equal(await errorOf(value), 'Der Wert darf nicht negativ sein.');
      // Neither a person nor an organisation: said at both.
      assert.equal(await errorOf(person), 'Bitte wählen Sie eine Person oder eine Organisation.');
      assert.equal(await errorOf(organization), 'Bitte wählen Sie eine Person oder eine Organisation.');
      await screenshot(page, 'sales-deal-form-errors.png');

      // A valid amount, still nobody: the value is fine now, the contact still missing; nothing is saved.
      await value.fill('100');
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await dialog.getByText('Bitte wählen Sie eine Person oder eine Organisation.').first().waitFor();
      assert.equal(await errorOf(value), '');
      assert.equal(await errorOf(organization), 'Bitte wählen Sie eine Person oder eine Organisation.');

      // With the organisation the deal is created, and what was typed is still there.
      await organization.click();
      await organization.fill(orgName);
      await page.getByRole('option', { name: orgName, exact: true }).click();
      assert.equal(await errorOf(organization), '');
      assert.equal(await errorOf(person), '');
      assert.equal(await dialog.getByLabel(/^Titel/).inputValue(), title);
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);
      await page.getByTestId('deal-detail').waitFor();
      assert.equal(await page.getByTestId('record-title').innerText(), title);
    }),
  );

  test('the deal list filters by status, pipeline and stage of that pipeline', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'sales list filter', async (page) => {
      const { pipelineName, early, offer, won, list, filters, stage } = await filterScenario(page);

      // A stage belongs to a pipeline: none to pick before one is chosen.
      assert.equal(await stage.isDisabled(), true);
      // By the pipeline: its three deals, whatever their status.
      await selectOption(page, filters, 'Pipeline', pipelineName);
      await listShows(list, [early, offer, won]);

      // By status.
      await selectOption(page, filters, 'Status', 'Gewonnen');
      await listShows(list, [won]);
      await selectOption(page, filters, 'Status', 'Offen');
      await listShows(list, [early, offer]);

      // By stage, of the chosen pipeline's stages only.
      await stage.click();
      assert.deepEqual(await optionsOf(page, stage), ['Erstgespräch', 'Angebot']);
      await page.getByRole('option', { name: 'Angebot', exact: true }).click();
      await listShows(list, [offer]);
      assert.match(await list.getByTestId('filter-toggle').innerText(), /^Filter\s*3$/);
      await list.getByTestId('record-row').first().scrollIntoViewIfNeeded();
      await screenshot(page, 'sales-deal-list-filter.png');

      // Another pipeline drops the stage, which belongs to this one.
      await selectOption(page, filters, 'Pipeline', 'Bestellung auf Rechnung');
      assert.equal(await stage.inputValue(), '');
      await list.locator(`[data-testid="record-row"][data-name="${offer}"]`).waitFor({ state: 'detached' });
    }),
  );

  test('a saved deal filter brings its status, pipeline and stage back', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'sales saved filter', async (page) => {
      const { suffix, pipelineName, offer, list, filters, stage } = await filterScenario(page);
      const filterName = `Offene Angebote ${suffix}`;
      const pipeline = filters.getByRole('combobox', { name: 'Pipeline', exact: true });
      const status = filters.getByRole('combobox', { name: 'Status', exact: true });

      await selectOption(page, filters, 'Status', 'Offen');
      await selectOption(page, filters, 'Pipeline', pipelineName);
      await selectOption(page, filters, 'Phase', 'Angebot');
      await listShows(list, [offer]);

      await list.getByRole('button', { name: 'Filter speichern' }).click();
      const saveDialog = page.getByRole('dialog', { name: 'Filter speichern' });
      await saveDialog.getByLabel('Name').fill(filterName);
      await saveDialog.getByRole('button', { name: 'Speichern' }).click();
      await noDialog(page);
      await page.getByText(`Der Filter „${filterName}“ wurde gespeichert.`).waitFor();

      // Reset: every deal again, no conditions.
      await list.getByRole('button', { name: 'Filter zurücksetzen' }).first().click();
      await list.locator('[data-testid="list-total"]:not([data-total="1"])').waitFor();
      assert.equal(await pipeline.inputValue(), '');
      assert.equal(await status.inputValue(), '');

      // Loaded again: the same conditions in the controls and the same deal.
      await selectOption(page, list, 'Gespeicherte Filter', filterName);
      await listShows(list, [offer]);
      assert.equal(await status.inputValue(), 'Offen');
      assert.equal(await pipeline.inputValue(), pipelineName);
      assert.equal(await stage.inputValue(), 'Angebot');
    }),
  );
});
