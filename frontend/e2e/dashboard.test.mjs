// End-to-end scenarios of the dashboard's next steps and the pipeline per rep through the real desktop app (see
// support.mjs): the field rep's "Meine nächsten Schritte" list the first of his open activities in the activity
// list's order and open that list and each activity; "Deals ohne nächste Aktivität" opens the deal list filtered to
// exactly those deals, with the filter shown and removable; the stage chart shows every stage, an empty one too;
// the manager's dashboard and activity list start on the team (one default scope), and a rep × stage cell opens
// the deal list of that rep and stage with as many deals. Names carry a per-run suffix and counts are compared with
// the lists, so the scenarios depend neither on a fresh database nor on the other e2e files.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  FIELD_USER,
  activityListCount,
  api,
  apiSession,
  dashboardShown,
  launchBrowser,
  navigation,
  noDialog,
  recordListTotal,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const MANAGER = { email: 'markus.weber@nordlicht.example', name: 'Markus Weber' };
const DAY = 24 * 60 * 60 * 1000;

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

async function openDashboard(page, scope) {
  await openNav(page, 'Dashboard');
  await dashboardShown(page, scope);
}

const dataOf = (locator, key) => locator.evaluateAll((nodes, name) => nodes.map((node) => node.dataset[name]), key);

/** The value of a Mantine Select (a combobox, or a textbox when searchable) inside scope, by its label. */
const selectValue = (scope, label) =>
  scope
    .getByRole('combobox', { name: label, exact: true })
    .or(scope.getByRole('textbox', { name: label, exact: true }))
    .first()
    .inputValue();

/**
 * Jonas's part of the data: a deal worth more than any seeded one without an activity, and one with an open activity
 * (it must not be listed), and an overdue activity of his own.
 */
async function plantNextSteps(suffix) {
  const token = (await apiSession(FIELD_USER.email)).accessToken;
  const [pipeline] = (await api(token, 'GET', '/api/v1/pipelines?recordType=deal')).items;
  const [type] = (await api(token, 'GET', '/api/v1/activity-types')).items;
  const org = await api(token, 'POST', '/api/v1/organizations', { name: `E2E Schritte ${suffix} GmbH` });
  const deal = (title, value) =>
    api(token, 'POST', '/api/v1/deals', { title, value, organizationId: org.id, pipelineId: pipeline.id });
  const without = await deal(`E2E ohne Schritt ${suffix}`, '987654.00');
  const planned = await deal(`E2E mit Schritt ${suffix}`, '987000.00');
  const activity = (title, dueAt, dealId) =>
    api(token, 'POST', '/api/v1/activities', { title, typeId: type.id, dueAt: dueAt.toISOString(), dealId });
  await activity(`E2E Angebot nachfassen ${suffix}`, new Date(Date.now() + 2 * DAY), planned.id);
  await activity(`E2E Rückruf verpasst ${suffix}`, new Date(Date.now() - 3 * DAY), '');
  return { without, planned };
}

describe('the dashboard: next steps and the pipeline per rep', { concurrency: false }, () => {
  let browser;
  const suffix = uniqueSuffix();

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test(
    '(a) the rep’s next steps open his activity list and the deals without a next activity',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'next steps', async (page) => {
        const { without, planned } = await plantNextSteps(suffix);
        await startSignedOut(page);
        await signIn(page, { email: FIELD_USER.email, password: DEMO_PASSWORD });
        // A rep's default scope: his own work.
        await dashboardShown(page, 'me');

        const card = page.getByTestId('dashboard-next-steps');
        await card.getByTestId('deal-without-activity').first().waitFor();
        await card.scrollIntoViewIfNeeded();
        await page.mouse.move(0, 0);
        await screenshot(page, 'dashboard-next-steps.png');

        // The next activities are the first of the list "Alle anzeigen" opens, in its order (overdue first).
        const next = card.getByTestId('next-activities');
        const shown = await dataOf(next.getByTestId('activity-row'), 'title');
        assert.ok(shown.includes(`E2E Rückruf verpasst ${suffix}`) || shown.length === 7, shown.join());
        const late = await dataOf(next.getByTestId('activity-row'), 'overdue');
        assert.deepEqual(late, [...late].sort().reverse(), 'overdue ones first');
        const all = next.getByTestId('next-activities-all');
        const openCount = Number(await all.getAttribute('data-count'));
        await all.click();
        assert.equal(await activityListCount(page), openCount, 'all his open activities');
        const listed = await dataOf(page.getByTestId('activity-row'), 'title');
        assert.deepEqual(listed.slice(0, shown.length), shown, 'the dashboard shows the first of the list');
        assert.equal(await selectValue(page.getByTestId('activity-filters'), 'Zuständig'), 'Meine');

        // An activity opens from the dashboard.
        await openDashboard(page, 'me');
        const first = shown[0];
        await next.getByRole('button', { name: `Öffnen: ${first}`, exact: true }).click();
        const dialog = page.getByRole('dialog');
        assert.equal(await dialog.getByLabel('Titel').inputValue(), first);
        await page.keyboard.press('Escape');
        await noDialog(page);

        // The deals without a next activity: the most valuable first; the figure opens exactly them.
        const deals = card.getByTestId('deals-without-activity');
        assert.equal(
          (await dataOf(deals.getByTestId('deal-without-activity'), 'title'))[0],
          without.title,
          'the most valuable deal without a next activity comes first',
        );
        const figure = deals.getByTestId('figure-deals-without-activity');
        const withoutCount = Number(await figure.getAttribute('data-count'));
        await figure.click();
        assert.equal(await recordListTotal(page, 'deals-list'), withoutCount, 'deals without a next activity');
        const names = await dataOf(page.getByTestId('record-row'), 'name');
        assert.ok(names.includes(without.title) && !names.includes(planned.title), names.join());
        // The list shows the condition it was opened with; the user can remove it.
        const condition = page.getByRole('switch', { name: 'Nur ohne nächste Aktivität' });
        assert.equal(await condition.isChecked(), true);
        await screenshot(page, 'deals-without-next-activity.png');
        await condition.uncheck();
        await page
          .getByTestId('deals-list')
          .getByTestId('list-total')
          .and(page.locator(`:not([data-total="${withoutCount}"])`))
          .waitFor();
        assert.ok((await recordListTotal(page, 'deals-list')) > withoutCount, 'more open deals without the condition');
        await page.locator(`[data-testid="record-row"][data-name="${planned.title}"]`).waitFor();
      }),
  );

  test('(b) the stage chart shows every stage of the pipeline, an empty one too', { timeout: TEST_TIMEOUT }, () =>
    withPage(browser, 'stage bars', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: FIELD_USER.email, password: DEMO_PASSWORD });
      await dashboardShown(page, 'me');
      const funnel = page.getByTestId('dashboard-funnel');
      const stages = await dataOf(funnel.getByTestId('funnel-stage'), 'name');
      const chart = funnel.getByTestId('funnel-chart');
      await funnel.scrollIntoViewIfNeeded();
      const ticks = chart.locator('.recharts-cartesian-axis-tick-value');
      await ticks.first().waitFor();
      await page.mouse.move(0, 0);
      assert.match((await chart.getAttribute('aria-label')) ?? '', /^Offene Deals je Phase der Pipeline/);
      // The category axis names every stage, in order, an empty one too (the other axis holds numbers). A long
      // name is wrapped into lines (tspans), so the texts are compared without their spaces.
      const squeeze = (text) => text.replace(/\s+/g, '');
      const texts = await ticks.evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
      assert.deepEqual(
        texts.map(squeeze).filter((text) => stages.map(squeeze).includes(text)),
        stages.map(squeeze),
        'a bar (or its 0) for every stage, in order',
      );
      assert.ok(
        (await dataOf(funnel.getByTestId('funnel-stage'), 'count')).includes('0'),
        'the rep has an empty stage',
      );
      await screenshot(page, 'dashboard-stage-bars.png');
      await funnel.getByTestId('funnel-metric').getByText('Wert').click();
      await chart.getByText('Gewichtet').first().waitFor();
      await page.mouse.move(0, 0);
      await screenshot(page, 'dashboard-stage-bars-value.png');
    }),
  );

  test(
    '(c) the manager starts on his team, and a rep × stage cell opens that rep’s deals of that stage',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'pipeline per rep', async (page) => {
        await startSignedOut(page);
        await signIn(page, { email: MANAGER.email, password: DEMO_PASSWORD });
        await dashboardShown(page, 'team');

        const table = page.getByTestId('by-rep-table');
        await table.waitFor();
        const reps = await dataOf(table.getByTestId('by-rep-row'), 'name');
        assert.ok(
          reps.includes(FIELD_USER.name) && reps.includes('Lena Fischer') && reps.includes(MANAGER.name),
          reps.join(),
        );
        // The rows add up to the funnel.
        const rowTotals = (await dataOf(table.getByTestId('by-rep-total'), 'count')).map(Number);
        const funnelTotal = Number(await page.getByTestId('funnel-total-count').innerText());
        assert.equal(
          rowTotals.reduce((a, b) => a + b, 0),
          funnelTotal,
        );
        await page.getByTestId('dashboard-by-rep').scrollIntoViewIfNeeded();
        await page.mouse.move(0, 0);
        await screenshot(page, 'dashboard-by-rep.png');

        // A cell of Jonas's with deals in it opens his deals of that stage, as many as the cell says.
        const row = table.locator(`[data-testid="by-rep-row"][data-name="${FIELD_USER.name}"]`);
        const cell = row
          .locator('td')
          .filter({ has: page.locator('[data-testid="by-rep-cell"]:not([data-count="0"])') })
          .first();
        const stage = await cell.getAttribute('data-stage');
        const link = cell.getByTestId('by-rep-cell');
        const count = Number(await link.getAttribute('data-count'));
        assert.ok(count > 0);
        await link.click();
        assert.equal(await recordListTotal(page, 'deals-list'), count, `${FIELD_USER.name} × ${stage}`);
        const panel = page.getByTestId('filter-panel');
        assert.equal(await selectValue(panel, 'Besitzer'), FIELD_USER.name);
        assert.equal(await selectValue(panel, 'Phase'), stage);
        await screenshot(page, 'dashboard-by-rep-cell-list.png');

        // His row's total: all his open deals in the pipeline.
        await openDashboard(page, 'team');
        const total = row.getByTestId('by-rep-total');
        const totalCount = Number(await total.getAttribute('data-count'));
        await total.click();
        assert.equal(await recordListTotal(page, 'deals-list'), totalCount, `${FIELD_USER.name}, all stages`);

        // The activity list starts on the same scope as the dashboard: his team.
        await openNav(page, 'Aktivitäten');
        await page.getByTestId('activity-count').waitFor();
        assert.equal(await selectValue(page.getByTestId('activity-filters'), 'Zuständig'), 'Mein Team');
      }),
  );
});
