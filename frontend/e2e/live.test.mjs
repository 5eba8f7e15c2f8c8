// End-to-end scenario of the live workspace (issue 14) with two real desktops at once (see support.mjs and
// scripts/e2e.sh): the sales manager in the first has the deal board and the dashboard open; the field rep in the
// second moves a deal to another stage and wins it; the manager's board and dashboard figure follow within a
// second, without a reload. Then both edit the same deal: the manager's open form says who changed it and offers
// "Neu laden / Meine behalten"; keeping his input saves it over the rep's change without a 412, and the rep's change
// to another field stays. The deals are the rep's, made through the API with a per-run suffix.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  APP_URL,
  DEMO_PASSWORD,
  FIELD_USER,
  boardCard,
  boardColumn,
  dragCard,
  launchBrowser,
  noDialog,
  openApp,
  screenshot,
  secondAppUrl,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
  api,
  apiSession,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
/** The sales manager: the role Vertriebsleitung sees the records of the units below his (the reps'). */
const MANAGER = { email: 'markus.weber@nordlicht.example', name: 'Markus Weber' };
const PIPELINE = 'Bestellung auf Rechnung';
/** What "at once" means in the issue: a change reaches the other desktop within a second. */
const WITHIN_MS = 1000;

/** A deal of the rep's in the first stage of the demo pipeline, for his organisation Schröder & Söhne KG. */
async function repDeal(title) {
  const session = await apiSession(FIELD_USER.email);
  const token = session.accessToken;
  const pipeline = (await api(token, 'GET', '/api/v1/pipelines?recordType=deal')).items.find(
    (p) => p.name === PIPELINE,
  );
  assert.ok(pipeline, `the demo pipeline ${PIPELINE}`);
  const orgs = await api(token, 'POST', '/api/v1/organizations/query', { search: 'Schröder & Söhne', limit: 5 });
  assert.ok(orgs.items.length > 0, 'the rep’s organisation Schröder & Söhne KG');
  const deal = await api(token, 'POST', '/api/v1/deals', {
    title,
    value: '4200.00',
    currency: 'EUR',
    ownerId: session.me.user.id,
    expectedCloseDate: '',
    personId: '',
    organizationId: orgs.items[0].id,
    pipelineId: pipeline.id,
    stageId: pipeline.stages[0].id,
    custom: {},
  });
  return { deal, token, stages: pipeline.stages.map((stage) => stage.name) };
}

const column = boardColumn;
const card = boardCard;

/** The deal board of the demo pipeline. */
async function openBoard(page, appUrl) {
  await page.goto(`${appUrl}/#/deals?view=board`);
  await page.getByTestId('pipeline-select').click();
  await page.getByRole('option', { name: PIPELINE, exact: true }).click();
  await page.getByTestId('deal-board').waitFor();
}

/** Waits until the desktop behind page says its change stream is live. */
async function live(page) {
  await page.locator('[data-testid="live-status"][data-status="connected"]').waitFor();
}

/** Marks the page, so that a reload (which would forget the mark) shows afterwards. */
const mark = (page) => page.evaluate(() => Object.assign(window, { liveTestMark: true }));
const stillMarked = async (page) => page.evaluate(() => window.liveTestMark === true);

const wonCount = async (page) => Number((await page.getByTestId('figure-month-won-count').innerText()).trim());

describe('live updates between two desktops', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test(
    'the manager’s board and dashboard follow the rep’s move and win within a second, without a reload',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'live board', async (board) => {
        const title = `Live-Deal ${uniqueSuffix()}`;
        const { deal, token, stages } = await repDeal(title);
        const [first, second] = stages;

        // The manager in the first desktop: the board in one window, the dashboard in another.
        await startSignedOut(board);
        await signIn(board, { email: MANAGER.email, password: DEMO_PASSWORD });
        await openBoard(board, APP_URL);
        await column(board, first).locator(card(board, title)).waitFor();
        await live(board);

        await withPage(browser, 'live dashboard', async (dashboard) => {
          assert.equal(await openApp(dashboard), 'app');
          await dashboard.getByTestId('figure-month-won-count').waitFor();
          await live(dashboard);
          await Promise.all([mark(board), mark(dashboard)]);
          const wonBefore = await wonCount(dashboard);

          // The rep in the second desktop, signed in at the same time.
          await withPage(browser, 'live rep', async (rep) => {
            const repApp = secondAppUrl();
            await startSignedOut(rep, repApp);
            await signIn(rep, { email: FIELD_USER.email, password: DEMO_PASSWORD });
            await openBoard(rep, repApp);
            await live(rep);
            await screenshot(board, 'live-board-before.png');

            // He moves the deal to the next stage: the manager's board shows it there within a second of the
            // change (its updatedAt, written in the change's transaction; server and browser share this clock).
            const droppedAt = await dragCard(rep, card(rep, title), column(rep, second));
            await column(board, second).locator(card(board, title)).waitFor({ timeout: 10_000 });
            const boardAt = Date.now();
            const moved = boardAt - Date.parse((await api(token, 'GET', `/api/v1/deals/${deal.id}`)).updatedAt);
            await screenshot(board, 'live-board-after.png');
            assert.ok(moved < WITHIN_MS, `the manager's board showed the move ${moved} ms after it was made`);
            assert.equal(await column(board, first).locator(card(board, title)).count(), 0);

            // He wins it on its page: the manager's dashboard counts it within a second.
            await card(rep, title).click();
            await rep.getByTestId('deal-detail').waitFor();
            const won = rep.getByRole('button', { name: 'Gewonnen', exact: true });
            await won.waitFor();
            await won.click();
            await dashboard
              .locator(`[data-testid="figure-month-won-count"]:text-is("${wonBefore + 1}")`)
              .waitFor({ timeout: 10_000 });
            const dashboardAt = Date.now();
            const winner = await api(token, 'GET', `/api/v1/deals/${deal.id}`);
            assert.equal(winner.status, 'won');
            const counted = dashboardAt - Date.parse(winner.updatedAt);
            await screenshot(dashboard, 'live-dashboard-won.png');
            assert.ok(counted < WITHIN_MS, `the manager's dashboard counted the win ${counted} ms after it was made`);
            console.log(
              `live: the manager's board showed the move ${moved} ms after it was made (${boardAt - droppedAt} ms ` +
                `after the drop), the dashboard counted the win ${counted} ms after it was made`,
            );
          });

          assert.ok(await stillMarked(board), 'the board was not reloaded');
          assert.ok(await stillMarked(dashboard), 'the dashboard was not reloaded');
        });
      }),
  );

  test(
    'an edit form the other desktop changed meanwhile offers reload or keep; keeping saves without a conflict',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'live conflict', async (page) => {
        const title = `Live-Konflikt ${uniqueSuffix()}`;
        const renamed = `${title} (umbenannt)`;
        const { deal, token } = await repDeal(title);

        // The manager opens the deal's edit form and types a new value.
        await startSignedOut(page);
        await signIn(page, { email: MANAGER.email, password: DEMO_PASSWORD });
        await page.goto(`${APP_URL}/#/deals/${deal.id}`);
        await page.getByTestId('record-title').getByText(title).waitFor();
        await live(page);
        await page.getByRole('button', { name: 'Bearbeiten' }).click();
        const dialog = page.getByRole('dialog', { name: 'Deal bearbeiten' });
        await dialog.getByLabel('Wert').fill('5100');

        // Meanwhile the rep renames it in his desktop.
        await withPage(browser, 'live conflict rep', async (rep) => {
          const repApp = secondAppUrl();
          await startSignedOut(rep, repApp);
          await signIn(rep, { email: FIELD_USER.email, password: DEMO_PASSWORD });
          await rep.goto(`${repApp}/#/deals/${deal.id}`);
          await rep.getByTestId('record-title').getByText(title).waitFor();
          await rep.getByRole('button', { name: 'Bearbeiten' }).click();
          const repDialog = rep.getByRole('dialog', { name: 'Deal bearbeiten' });
          await repDialog.getByLabel(/Titel/).fill(renamed);
          await repDialog.getByRole('button', { name: 'Speichern' }).click();
          await noDialog(rep);
        });

        // The manager's form says who changed it and keeps what he typed.
        const notice = dialog.getByTestId('edit-conflict');
        await notice.waitFor();
        assert.match(await notice.innerText(), new RegExp(`Geändert von ${FIELD_USER.name}`));
        assert.equal(await dialog.getByLabel('Wert').inputValue(), '5100');
        await screenshot(page, 'live-edit-conflict.png');

        // Keep mine: saved against the new version, no 412; the rep's new title stays beside the manager's value.
        await notice.getByRole('button', { name: 'Meine behalten' }).click();
        await dialog.getByRole('button', { name: 'Speichern' }).click();
        await noDialog(page);
        await page.getByTestId('record-title').getByText(renamed).waitFor();
        assert.match(await page.getByTestId('deal-value').innerText(), /5\.100,00/);
        const saved = await api(token, 'GET', `/api/v1/deals/${deal.id}`);
        assert.equal(saved.title, renamed);
        assert.equal(saved.value, '5100.00');
        await screenshot(page, 'live-edit-kept.png');
      }),
  );
});
