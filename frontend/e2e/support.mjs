// Helpers for the end-to-end tests: a real Chromium (Debian's, driven by playwright-core) on the Wails dev server
// of the real desktop app, whose page runs the real Go bindings over a websocket.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's browser bundle (the standard accessibility rule engine), injected into the page under test. */
const AXE_SOURCE = require('axe-core').source;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. The end-to-end tests need E2E_APP_URL (the desktop app's Wails dev server), ` +
        'E2E_SERVER_URL (the backend to sign in to) and E2E_SCREENSHOT_DIR; scripts/e2e.sh sets all three.',
    );
  }
  return value;
}

export const APP_URL = required('E2E_APP_URL');
export const SERVER_URL = required('E2E_SERVER_URL');
export const SCREENSHOT_DIR = required('E2E_SCREENSHOT_DIR');

export const DEMO_PASSWORD = 'Demo1234!';

/**
 * The second desktop app's dev server: scripts/e2e.sh starts two desktops (own HOME, keyring and session each), so
 * that two users can be signed in at once (e2e/live.test.mjs).
 */
export function secondAppUrl() {
  const url = process.env.E2E_APP_URL_2;
  if (!url) throw new Error('E2E_APP_URL_2 is not set: scripts/e2e.sh starts a second desktop app and sets it.');
  return url;
}

/**
 * The first admin of a second company, on the basic plan (its pipelines are limited), which scripts/e2e.sh creates
 * anew on every run with `onesales-server create-tenant`.
 */
export function basicPlanAdmin() {
  const email = process.env.E2E_BASIC_ADMIN_EMAIL;
  const password = process.env.E2E_BASIC_PASSWORD;
  if (!email || !password) {
    throw new Error(
      'E2E_BASIC_ADMIN_EMAIL and E2E_BASIC_PASSWORD are not set: scripts/e2e.sh creates a company on the basic plan ' +
        'and sets both.',
    );
  }
  return { email, password };
}
export const ADMIN = { email: 'claudia.becker@nordlicht.example', name: 'Claudia Becker' };
export const FIELD_USER = { email: 'jonas.schmidt@nordlicht.example', name: 'Jonas Schmidt' };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The backend's certificate comes from the run's test CA (scripts/e2e.sh), which the browser's own store does not
  // hold: the browser accepts exactly that certificate's key, nothing else (the link pages of mails open in it).
  ...(process.env.E2E_SERVER_SPKI ? [`--ignore-certificate-errors-spki-list=${process.env.E2E_SERVER_SPKI}`] : []),
];

/** Time for one step that waits on the Go side and the backend. */
export const STEP_TIMEOUT = 20_000;

export async function launchBrowser() {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // Playwright gives every launch a fresh, temporary profile (user-data-dir).
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Errors thrown in the page by the Wails dev server's own runtime (its websocket bridge), not by the app. */
const isWailsRuntimeError = (error) => /\/wails\//.test(error.stack ?? '');

/**
 * A page in a fresh context, 1280x800, German browser locale, reduced motion. Errors thrown by the app's code are collected in
 * page.appErrors (withPage fails the test on them); console errors go to the test log.
 */
export async function openPage(browser) {
  // Reduced motion: modals open and close without animation, so screenshots show them complete.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'de-DE',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  // axe-core and its watcher in every page the context loads (checkAccessibility, assertNoWatchedViolations).
  const page = await context.newPage();
  page.a11yFindings = [];
  await page.exposeFunction('__a11yReport', (violations) => {
    page.a11yFindings.push(violations);
    console.error(`[axe-core] ${violations.length} violation(s):\n${formatViolations(violations)}`);
  });
  await page.addInitScript({ content: AXE_SOURCE });
  await page.addInitScript(installAccessibilityWatcher, WCAG_TAGS);
  page.appErrors = [];
  page.on('pageerror', (error) => {
    if (!isWailsRuntimeError(error)) {
      page.appErrors.push(error);
      console.error(`[page error] ${error.stack ?? error.message}`);
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[console] ${message.text()}`);
  });
  await closeRemindersInTheWay(page);
  return page;
}

/** The WCAG 2.1 A and AA rules of axe-core. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs in the page before the app (an init script, so on every load): window.__a11yRun(where) runs axe-core with
 * the WCAG tags, one run at a time (axe refuses a second run while one is going), and returns the critical and
 * serious violations. A watcher runs it by itself whenever a dialog appears or the route changes, once the screen
 * has settled, and reports what it finds through window.__a11yReport (bound by openPage), so that every screen and
 * dialog a test visits is checked without the test asking.
 */
function installAccessibilityWatcher(tags) {
  let queue = Promise.resolve();
  const run = (where) => {
    const next = queue.then(async () => {
      // A list that shows its previous rows faded while the new ones load says so (aria-busy): wait for the result.
      for (let waited = 0; waited < 5000 && window.document.querySelector('[aria-busy="true"]'); waited += 100) {
        await new Promise((resolve) => window.setTimeout(resolve, 100));
      }
      const result = await window.axe.run(window.document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations
        .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
        .map((violation) => ({
          where,
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.map((node) => ({
            target: node.target.join(' '),
            html: node.html.slice(0, 200),
            summary: node.failureSummary ?? '',
          })),
        }));
    });
    queue = next.catch(() => undefined);
    return next;
  };
  window.__a11yRun = run;

  const seenDialogs = new WeakSet();
  let lastRoute = '';
  let pending = '';
  let quietTimer = 0;
  let deadline = 0;
  const check = () => {
    const where = pending;
    pending = '';
    deadline = 0;
    run(where)
      .then((violations) => {
        if (violations.length > 0 && window.__a11yReport) window.__a11yReport(violations);
      })
      // A screen that goes away while axe looks at it (a dialog closed by the test) is not a finding.
      .catch(() => undefined);
  };
  const observe = () => {
    const route = window.location.pathname + window.location.search + window.location.hash;
    const reasons = [];
    if (route !== lastRoute) {
      lastRoute = route;
      reasons.push(`screen ${route}`);
    }
    for (const dialog of window.document.querySelectorAll('[role="dialog"], [role="alertdialog"]')) {
      if (seenDialogs.has(dialog)) continue;
      seenDialogs.add(dialog);
      const title = dialog.getAttribute('aria-label') ?? dialog.querySelector('h1, h2, h3')?.textContent ?? '';
      reasons.push(`dialog "${title.trim()}" on ${route}`);
    }
    if (reasons.length === 0 && !pending) return;
    if (reasons.length > 0) pending = pending ? `${pending}, ${reasons.join(', ')}` : reasons.join(', ');
    // Waits until the screen has been quiet for a moment (loaded), at most two seconds.
    if (!deadline) deadline = Date.now() + 2000;
    window.clearTimeout(quietTimer);
    quietTimer = window.setTimeout(check, Math.max(0, Math.min(400, deadline - Date.now())));
  };
  const start = () => {
    new window.MutationObserver(observe).observe(window.document.documentElement, { childList: true, subtree: true });
    observe();
  };
  if (window.document.documentElement) start();
  else window.addEventListener('DOMContentLoaded', start);
}

const formatViolations = (violations) =>
  violations
    .map(
      (violation) =>
        `  ${violation.id} (${violation.impact}) on ${violation.where}: ${violation.help}\n` +
        violation.nodes
          .map((node) => `    - ${node.target}\n      ${node.html}\n      ${node.summary.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');

/**
 * Runs axe-core (WCAG 2.1 A/AA) on what the page shows now and fails on any critical or serious violation, listing
 * each with its rule, the elements (CSS targets) and axe's summary of what is wrong; `where` names the screen or
 * dialog in the message. Every screenshot runs it; the watcher that openPage installs runs it on each dialog and
 * route change, and withPage fails on what the watcher found.
 */
export async function checkAccessibility(page, where) {
  if (!(await page.evaluate(() => '__a11yRun' in window))) {
    await page.evaluate(AXE_SOURCE);
    await page.evaluate(installAccessibilityWatcher, WCAG_TAGS);
  }
  const violations = await page.evaluate((name) => window.__a11yRun(name), where);
  if (violations.length === 0) return;
  throw new Error(
    `accessibility (axe-core, WCAG 2.1 AA) on ${where}: ${violations.length} violation(s)\n${formatViolations(violations)}`,
  );
}

/** Fails when the watcher found violations on a screen or dialog of the page (see installAccessibilityWatcher). */
async function assertNoWatchedViolations(page) {
  if (!page.isClosed()) {
    // Waits for the runs under way and a last look at the screen as it is now.
    await checkAccessibility(page, 'the last screen').catch((error) => page.a11yFindings.push(error.message));
  }
  if (page.a11yFindings.length === 0) return;
  const found = page.a11yFindings.map((finding) => (typeof finding === 'string' ? finding : formatViolations(finding)));
  throw new Error(`accessibility (axe-core, WCAG 2.1 AA):\n${found.join('\n')}`);
}

/** Checks the screen with axe-core (checkAccessibility), then saves a screenshot of it. */

/** The in-app reminders of activities due soon (notifications/Reminder.tsx). */
export const reminders = (page) =>
  page.locator('.mantine-Notifications-notification').filter({ has: page.getByTestId('due-soon-notice') });

/**
 * A reminder of an activity due soon stays until closed and may cover what a step clicks next. The demo data's
 * activities make one appear at some times of day, so every page closes a reminder, as a user would, before each
 * action and wait (a test that looks at reminders calls keepReminders first, and this again when done).
 */
export async function closeRemindersInTheWay(page) {
  await page.addLocatorHandler(reminders(page), async (reminder) => {
    await reminder.locator('.mantine-Notification-closeButton').click();
  });
}

export async function keepReminders(page) {
  await page.removeLocatorHandler(reminders(page));
}

export async function screenshot(page, name) {
  await checkAccessibility(page, name);
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: false });
}

/**
 * Runs body with a fresh page and fails when the app threw in the page; on failure saves a screenshot named after
 * the test, then rethrows. The page's context is closed either way.
 */
export async function withPage(browser, testName, body) {
  const page = await openPage(browser);
  try {
    await body(page);
    await assertNoWatchedViolations(page);
    if (page.appErrors.length > 0) {
      throw new Error(`the app threw in the page: ${page.appErrors.map((error) => error.message).join('; ')}`);
    }
  } catch (error) {
    const name = `failed-${testName.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: false }).catch(() => undefined);
    throw error;
  } finally {
    await page.context().close();
  }
}

/** The time zone of a German sales team's desktops, in which the Berlin pages run. */
export const TIME_ZONE = 'Europe/Berlin';

/** withPage with the page's clock in Berlin (set before the app loads), so that its local times are Berlin's. */
export function withBerlinPage(browser, testName, body) {
  return withPage(browser, testName, async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: TIME_ZONE });
    await body(page);
  });
}

export const signInForm = (page) => page.getByTestId('sign-in-form');
export const userMenu = (page) => page.getByTestId('user-menu');
export const navigation = (page) => page.getByTestId('navigation');

/** Opens the app (of the desktop at appUrl) and waits until it has decided: sign-in form or signed-in app. */
export async function openApp(page, appUrl = APP_URL) {
  await page.goto(appUrl);
  await signInForm(page).or(userMenu(page)).first().waitFor({ state: 'visible' });
  return (await userMenu(page).isVisible()) ? 'app' : 'sign-in';
}

/**
 * Starts a scenario signed out, whatever the previous one left: the Go process keeps its session across pages,
 * so a left-over session is ended through the UI's own binding.
 */
export async function startSignedOut(page, appUrl = APP_URL) {
  if ((await openApp(page, appUrl)) === 'app') {
    await page.evaluate(() => window.go.app.Session.Logout());
    await page.reload();
    await signInForm(page).waitFor({ state: 'visible' });
  }
  // The language is kept by the desktop; the tests read German texts.
  if ((await page.getByRole('button', { name: 'Sign in' }).count()) > 0) {
    await page.evaluate(() => window.go.app.Session.SetLanguage('de'));
    await page.reload();
    await signInForm(page).waitFor({ state: 'visible' });
  }
}

export async function fillSignIn(page, { email, password }) {
  await page.getByLabel('Server-Adresse').fill(SERVER_URL);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

/** Signs in through the form and waits for the app shell. */
export async function signIn(page, user) {
  await fillSignIn(page, user);
  await userMenu(page).waitFor({ state: 'visible' });
}

export async function signOut(page) {
  await userMenu(page).click();
  await page.getByRole('menuitem', { name: 'Abmelden' }).click();
  await signInForm(page).waitFor({ state: 'visible' });
}

/** Waits until no modal dialog is left on screen (closed and faded out). */
export async function noDialog(page) {
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** The error text Mantine shows next to an input (linked with aria-describedby); "" when there is none. */
export async function errorOf(input) {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = [];
  for (const id of ids) {
    if (id.endsWith('-error')) texts.push(((await input.page().locator(`[id="${id}"]`).textContent()) ?? '').trim());
  }
  return texts.join(' ');
}

/** Picks an option of a Mantine Select by the field's label and the option's text (within the dialog unless in is given). */
export async function choose(page, label, option, within = page.getByRole('dialog')) {
  await within.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Drops files onto an element the way the desktop reports an operating system's drop: the message Wails' GTK drop
 * handler sends ("DD:x:y:path\npath", window coordinates) goes through the dev server's IPC to the real dispatcher,
 * which emits the file-drop event that the page's OnFileDrop handler receives. Only the OS drag itself (which a
 * headless browser cannot make) is left out.
 */
export async function dropFiles(page, target, paths) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  assert.ok(box, 'the drop target is on screen');
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + Math.min(box.height / 2, 40));
  await page.evaluate(({ x, y, paths }) => window.WailsInvoke(`DD:${x}:${y}:${paths.join('\n')}`), { x, y, paths });
}

/** A column of the open board, by its stage's name. */
export const boardColumn = (page, stage) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);

/** A card of the open board, by its record's name. */
export const boardCard = (page, name) => page.locator(`[data-testid="board-card"][data-name="${name}"]`);

/**
 * Drags a board card onto a column the way a user does: press, small moves past the drag threshold, release. It
 * returns the moment of the release (the drop).
 */
export async function dragCard(page, source, target) {
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
  const at = Date.now();
  await page.mouse.up();
  return at;
}

/**
 * What the first desktop app's notification daemon was asked to show: scripts/e2e.sh runs dunst on the app's own
 * D-Bus session (its address in E2E_SESSION_BUS_FILE). The ones still on screen are closed first, so that the
 * daemon's history (dunstctl history) holds every one. Items: { appname, summary, body }.
 */
export async function osNotifications() {
  const file = process.env.E2E_SESSION_BUS_FILE;
  if (!file) throw new Error('E2E_SESSION_BUS_FILE is not set: scripts/e2e.sh runs a notification daemon and sets it.');
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: (await readFile(file, 'utf8')).trim() };
  const run = promisify(execFile);
  await run('dunstctl', ['close-all'], { env });
  const { stdout } = await run('dunstctl', ['history'], { env });
  return JSON.parse(stdout)
    .data.flat()
    .map((n) => ({
      appname: n.appname?.data,
      summary: n.summary?.data,
      body: n.body?.data,
    }));
}

/**
 * Puts page in the background as another window in front of it would: the browser's other page comes to the front,
 * and the page loses the focus (document.hasFocus(), which the app asks). Playwright's focus emulation, which keeps
 * every page focused, is turned off for the page. Returns the page in front; closing it does not give the focus back:
 * page.bringToFront() does.
 */
export async function putInBackground(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const front = await page.context().newPage();
  await front.bringToFront();
  await page.waitForFunction(() => !window.document.hasFocus(), undefined, { polling: 100 });
  return front;
}

/** A suffix that keeps names unique across runs against the same database. */
export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/**
 * Calls the backend as a user would through the API: for what a scenario needs to set up or know, not for what it
 * tests. Every call carries an Idempotency-Key (the creates take it, the other routes ignore it); headers adds
 * others (If-Match).
 */
export async function api(token, method, path, body, headers = {}) {
  const response = await fetch(`${SERVER_URL}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': randomUUID(),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Signs a demo user in through the API and returns the session (its accessToken for api). */
export async function apiSession(email) {
  return api(null, 'POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD });
}

/** Waits until the dashboard shows its figures and its charts (loaded on demand) have appeared. */
export async function dashboardShown(page, scope) {
  await page
    .getByTestId('dashboard')
    .and(page.locator(scope ? `[data-scope="${scope}"]` : '[data-scope]'))
    .waitFor();
  await page.getByTestId('figure-due-today').waitFor();
  await page.waitForFunction(
    () => !window.document.querySelector('[data-testid="dashboard"] [aria-label="Wird geladen …"]'),
  );
  // Away from the charts, so that no tooltip covers them in a screenshot.
  await page.mouse.move(0, 0);
}

/** The number of items of the activity list once it has loaded (all of them: the counts here are small). */
export async function activityListCount(page) {
  const count = page.getByTestId('activity-count');
  await count.waitFor();
  assert.equal(await count.getAttribute('data-complete'), 'true', 'the list shows all its items');
  // The list may still show the previous filter's items while the new ones load.
  await page.waitForFunction(
    () => !window.document.querySelector('[data-testid="activities-table"][style*="opacity: 0.6"]'),
  );
  return Number(await count.getAttribute('data-count'));
}

/** The total of the deal or lead list once it has loaded. */
export async function recordListTotal(page, testId) {
  const list = page.getByTestId(testId);
  await list.waitFor();
  const total = list.getByTestId('list-total');
  await total.and(page.locator('[data-total]')).waitFor();
  return Number(await total.getAttribute('data-total'));
}

/**
 * Waits until the e2e harness's SMTP sink (bin/onesales-mailsink at E2E_MAILSINK_URL) received a mail for which
 * match is true, and returns the newest such; fails after 30 s naming what (the mail looked for) and the subjects
 * the sink has.
 */
export async function mailMatching(match, what) {
  const sink = required('E2E_MAILSINK_URL');
  const deadline = Date.now() + 30_000;
  let seen = [];
  while (Date.now() < deadline) {
    const response = await fetch(`${sink}/messages`);
    assert.ok(response.ok, `mail sink: ${response.status}`);
    seen = await response.json();
    const found = seen.filter(match).at(-1);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`no mail ${what} arrived; the sink has: ${seen.map((message) => message.subject).join(' | ')}`);
}

/** The link (with its token) in the newest mail to address whose subject matches; its HTML part has the same. */
export async function linkInMailTo(address, subject) {
  const mail = await mailMatching(
    (message) => message.to.includes(address) && subject.test(message.subject),
    `to ${address} matching ${subject}`,
  );
  const link = /(https?:\/\/\S+\?token=[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  assert.ok(link, `a link in the mail:\n${mail.text}`);
  assert.ok(mail.html.includes(link), 'the HTML part has the same link');
  return link;
}

/**
 * Sets a password on a link page of the server (an invitation's or a password reset's) in the browser and returns
 * the page's answer (its status region).
 */
export async function setPasswordOnLinkPage(page, link, password) {
  await page.goto(link);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByLabel('Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: 'Passwort festlegen' }).click();
  return page.getByRole('status');
}

/**
 * A company of the test's own, made as the operator makes one (POST /api/v1/operator/tenants with the operator
 * token scripts/e2e.sh configures): its first admin accepts the invitation mail's link on the server's page (in
 * page) and sets password. Returns the admin as signIn takes it. A company of its own lets a test change
 * company-wide settings (two-factor policy, single sign-on) without touching the demo company of the others.
 */
export async function newCompany(page, { name, admin, password }) {
  await api(required('E2E_OPERATOR_TOKEN'), 'POST', '/api/v1/operator/tenants', {
    name,
    plan: 'professional',
    adminEmail: admin.email,
    adminName: admin.name,
    language: 'de',
  });
  const link = await linkInMailTo(admin.email, /^Einladung zu /);
  const done = await setPasswordOnLinkPage(page, link, password);
  assert.match(await done.textContent(), /Ihr Konto ist angelegt/);
  return { ...admin, password };
}

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

/**
 * The code an authenticator app shows for secret (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits), computed with
 * node:crypto, for the step offset steps from now's.
 */
export function totp(secret, offset = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const at = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
