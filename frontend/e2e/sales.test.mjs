// End-to-end scenarios of pipelines, deals and leads through the real desktop app (see support.mjs): pipeline
// settings, a deal dragged across the board and lost with a reason, the lead mapping, a lead moved on its board and
// converted into a person that carries the mapped value. Names carry a per-run suffix, so the scenarios depend
// neither on a fresh database nor on the other e2e files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  launchBrowser,
  navigation,
  noDialog,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

/** The error text Mantine shows next to an input (linked with aria-describedby); "" when there is none. */
async function errorOf(input) {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = [];
  for (const id of ids) {
    if (id.endsWith('-error')) texts.push(((await input.page().locator(`[id="${id}"]`).textContent()) ?? '').trim());
  }
  return texts.join(' ');
}

const column = (page, stage) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const card = (page, name) => page.locator(`[data-testid="board-card"][data-name="${name}"]`);

/** Drags a board card onto a column the way a user does: press, small moves past the drag threshold, release. */
async function drag(page, source, target) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  assert.ok(from && to, 'card and column are on screen');
  const x = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 5; step += 1) await page.mouse.move(x + step * 3, y + step * 2);
  const tx = to.x + to.width / 2;
  const ty = to.y + Math.min(to.height / 2, 120);
  await page.mouse.move(tx, ty, { steps: 15 });
  await page.mouse.move(tx + 2, ty + 2);
  await page.mouse.up();
}

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

      await drag(page, card(page, dealTitle), column(page, 'Angebot'));
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
        await drag(page, card(page, leadTitle), column(page, 'Kontaktiert'));
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
});
