// Keyboard only, through the real desktop app (see support.mjs): a user who cannot use a mouse signs in, skips to
// the content, creates a person, opens a deal from the board and moves it one stage, opens the person from the
// search and ticks an activity off. Every step is done with keyboard.press (and keyboard.type for text); locators
// only wait and check where the focus is (document.activeElement) after each step. The data the scenario works on
// (a deal, two activities) is set up through the API, as a colleague would have planned it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  SERVER_URL,
  api,
  apiSession,
  launchBrowser,
  noDialog,
  screenshot,
  signInForm,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;

/** Whether the element is the one with the keyboard focus. */
const hasFocus = (locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);

/** What has the focus, for a failure message. */
const focusedElement = (page) =>
  page.evaluate(() => {
    const element = window.document.activeElement;
    if (!element || element === window.document.body) return 'nothing (the page)';
    const name = element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 60) ?? '';
    return `<${element.tagName.toLowerCase()}> ${name}`;
  });

async function assertFocus(page, locator, what) {
  assert.ok(await hasFocus(locator), `the focus is on ${what}, not on ${await focusedElement(page)}`);
}

/** Presses Tab (Shift+Tab backwards) until the element has the focus; fails after max presses. */
async function tabTo(page, locator, { max = 150, backwards = false } = {}) {
  await locator.waitFor();
  for (let presses = 0; presses < max; presses++) {
    if (await hasFocus(locator)) return presses;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${max} presses of Tab did not reach ${locator}; the focus is on ${await focusedElement(page)}`);
}

/** Types into the focused field, replacing what it holds. */
async function typeInto(page, text) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

const card = (page, stage, title) =>
  page.locator(`[data-testid="board-column"][data-stage="${stage}"] [data-testid="board-card"][data-name="${title}"]`);

describe('keyboard only', { concurrency: false }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test(
    'sign in, create a person, open and move a deal on the board, find a record and tick an activity off',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'keyboard only', async (page) => {
        const suffix = uniqueSuffix();
        const person = { firstName: 'Tessa', lastName: `Tastatur ${suffix}` };
        const personName = `${person.firstName} ${person.lastName}`;
        const dealTitle = `Tastatur-Deal ${suffix}`;

        // Sign in: the fields by Tab, the form sent with Enter.
        await startSignedOut(page);
        const form = signInForm(page);
        await tabTo(page, form.getByLabel('Server-Adresse'));
        await typeInto(page, SERVER_URL);
        await tabTo(page, form.getByLabel('E-Mail-Adresse'));
        await typeInto(page, ADMIN.email);
        await tabTo(page, form.getByLabel('Passwort', { exact: true }));
        await typeInto(page, DEMO_PASSWORD);
        await page.keyboard.press('Enter');
        await userMenu(page).waitFor();

        // The first tab stop is the skip link; it leads past the header and the navigation to the content.
        await page.keyboard.press('Tab');
        const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
        await assertFocus(page, skip, 'the skip link');
        await screenshot(page, 'keyboard-skip-link.png');
        await page.keyboard.press('Enter');
        await assertFocus(page, page.getByRole('main', { name: 'Inhalt' }), 'the main content');

        // A person, created in the dialog; the focus then starts on the new person's name.
        await tabTo(
          page,
          page
            .getByRole('navigation', { name: 'Hauptnavigation' })
            .getByRole('link', { name: 'Personen', exact: true }),
          { backwards: true },
        );
        await page.keyboard.press('Enter');
        const create = page.getByRole('button', { name: 'Person anlegen' });
        await tabTo(page, create);
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'Person anlegen' });
        await dialog.waitFor();
        await tabTo(page, dialog.getByLabel('Vorname'), { max: 40 });
        await page.keyboard.type(person.firstName);
        await tabTo(page, dialog.getByLabel('Nachname'), { max: 40 });
        await page.keyboard.type(person.lastName);
        await screenshot(page, 'keyboard-person-dialog.png');
        await tabTo(page, dialog.getByRole('button', { name: 'Anlegen' }), { max: 80 });
        await page.keyboard.press('Enter');
        await noDialog(page);
        const title = page.getByTestId('person-detail').getByTestId('record-title');
        await title.waitFor();
        assert.equal(await title.innerText(), personName);
        await assertFocus(page, title, "the new person's name");
        const personId = /#\/persons\/([^/?]+)/.exec(page.url())?.[1];
        assert.ok(personId, `a person's page: ${page.url()}`);

        // What a colleague planned: a deal for the person, two activities with her.
        const { accessToken: token } = await apiSession(ADMIN.email);
        const [pipeline] = (await api(token, 'GET', '/api/v1/pipelines?recordType=deal')).items;
        // The board's columns in the pipeline's order.
        const [first, second] = [...pipeline.stages].sort((a, b) => a.position - b.position);
        await api(token, 'POST', '/api/v1/deals', {
          title: dealTitle,
          value: '4200.00',
          personId,
          pipelineId: pipeline.id,
          stageId: first.id,
        });
        const [type] = (await api(token, 'GET', '/api/v1/activity-types')).items;
        const due = (hours) => new Date(Date.now() + hours * 3_600_000).toISOString();
        const call = `Anrufen ${suffix}`;
        const offer = `Angebot schicken ${suffix}`;
        await api(token, 'POST', '/api/v1/activities', { title: call, typeId: type.id, dueAt: due(1), personId });
        await api(token, 'POST', '/api/v1/activities', { title: offer, typeId: type.id, dueAt: due(2), personId });

        // The deal board: Enter on a card opens the deal.
        await tabTo(
          page,
          page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Deals', exact: true }),
          { backwards: true },
        );
        await page.keyboard.press('Enter');
        await page.getByTestId('deal-board').waitFor();
        const before = card(page, first.name, dealTitle);
        await tabTo(page, before);
        await page.keyboard.press('Enter');
        const dealPage = page.getByTestId('deal-detail');
        await dealPage.waitFor();
        assert.equal(await dealPage.getByTestId('record-title').innerText(), dealTitle);
        await screenshot(page, 'keyboard-deal-opened.png');

        // Back to the board; Space picks the card up, the right arrow moves it to the next stage, Space drops it.
        await tabTo(page, dealPage.getByRole('link', { name: 'Zurück zu den Deals' }), { backwards: true });
        await page.keyboard.press('Enter');
        await page.getByTestId('deal-board').waitFor();
        await tabTo(page, card(page, first.name, dealTitle));
        // Each key after the board said what the last one did (as a screen reader user waits for it): a key pressed
        // before the board measured its columns would be lost.
        const heard = (text) => page.getByText(text, { exact: true }).waitFor({ state: 'attached' });
        await page.keyboard.press('Space');
        await heard(`„${dealTitle}“ aufgenommen, Phase „${first.name}“.`);
        await page.keyboard.press('ArrowRight');
        await heard(`„${dealTitle}“ über Phase „${second.name}“.`);
        await page.keyboard.press('Space');
        const moved = card(page, second.name, dealTitle);
        await moved.waitFor();
        // The screen reader heard it in German, by the deal's title; the focus is on the card in its new column.
        await heard(`„${dealTitle}“ in Phase „${second.name}“ abgelegt.`);
        await assertFocus(page, moved, 'the moved card');
        await screenshot(page, 'keyboard-deal-moved.png');
        const stored = await api(token, 'GET', `/api/v1/deals/${await moved.getAttribute('data-card-id')}`);
        assert.equal(stored.stageId, second.id);

        // The search box: type, the first hit is chosen, Enter opens it.
        const search = page.getByRole('combobox', { name: 'Personen und Organisationen suchen' });
        await tabTo(page, search, { backwards: true });
        await page.keyboard.type(person.lastName);
        await page.getByTestId('search-hit-person').first().waitFor();
        assert.equal(await search.getAttribute('aria-expanded'), 'true');
        assert.ok(await search.getAttribute('aria-activedescendant'), 'the chosen hit is the active descendant');
        await screenshot(page, 'keyboard-search.png');
        await page.keyboard.press('Enter');
        const personPage = page.getByTestId('person-detail');
        await personPage.waitFor();
        assert.equal(await personPage.getByTestId('record-title').innerText(), personName);

        // Ticking the first activity off with Space: the focus goes on to the next one.
        const done = personPage.getByRole('checkbox', { name: `Als erledigt markieren: ${call}` });
        await tabTo(page, done);
        await page.keyboard.press('Space');
        await personPage.getByRole('checkbox', { name: `Wieder öffnen: ${call}` }).waitFor();
        const next = personPage.getByRole('checkbox', { name: `Als erledigt markieren: ${offer}` });
        // The focus moves once the row has moved (the list follows the server's answer).
        await page
          .waitForFunction(
            (name) => window.document.activeElement?.getAttribute('aria-label') === name,
            `Als erledigt markieren: ${offer}`,
          )
          .catch(() => undefined);
        await assertFocus(page, next, 'the next open activity');
        await screenshot(page, 'keyboard-activity-done.png');
      }),
  );
});
