// Real-browser end-to-end and accessibility tests of the moderation pages.
//
//   node tests/browser/moderation.mjs http://127.0.0.1:PORT EMAIL PASSWORD
//
// Drives Debian's headless Chromium (/usr/bin/chromium, no browser download) with
// playwright-core as a moderator would, on a phone and on a desktop (JavaScript on): sign
// in, open the queue, open the first story, redact a word to "[naam 9]" and save, see the
// placeholder highlighted, give a title and a theme, approve, see the queue with the
// notice, sign out. axe-core (WCAG 2.0/2.1 A and AA plus best practices) checks every
// moderation page, each in a light and a dark colour scheme: sign-in, queue (with stories
// and empty), story, accounts, themes, audit, two-step sign-in and password reset.
// The server must run with KANARIE_INSECURE_COOKIES=true (plain http) and have at least
// two stories waiting and the account EMAIL (an admin) with PASSWORD: tests/it/browser_embed.rs
// starts one and runs this script.
//
// Prints `browser: N passed, M failed` last and exits non-zero on any failure.

import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(HERE, '../../target/browser-screenshots');
const CHROMIUM = process.env.KANARIE_CHROMIUM || '/usr/bin/chromium';

const BASE = (process.argv[2] || '').replace(/\/+$/, '');
const EMAIL = process.argv[3] || '';
const PASSWORD = process.argv[4] || '';
if (!/^https?:\/\/[^/]+$/.test(BASE) || !EMAIL || !PASSWORD) {
  console.error('usage: node tests/browser/moderation.mjs http://127.0.0.1:PORT EMAIL PASSWORD');
  process.exit(2);
}

const PLACEHOLDER = '[naam 9]';
const SIGNED_OUT = 'Je bent uitgelogd';

const VIEWPORTS = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
};

let passed = 0;
let failed = 0;
const failures = [];
const needsReview = new Set();

function pass(name) {
  passed += 1;
  console.log(`  ok   ${name}`);
}

function fail(name, detail) {
  failed += 1;
  failures.push(name);
  console.log(`  FAIL ${name}\n${indent(String(detail))}`);
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `         ${line}`)
    .join('\n');
}

/** An assertion: counts a pass, or throws so the rest of the run's steps are skipped. */
function expect(name, condition, detail = '') {
  if (condition) {
    pass(name);
  } else {
    throw Object.assign(new Error(detail || name), { checkName: name });
  }
}

const AXE_RUN = `(async () => {
  const r = await axe.run(document, {
    runOnly: { type: 'tag', values: ${JSON.stringify(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])} },
    resultTypes: ['violations', 'incomplete'],
  });
  const brief = (v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
  });
  return { violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
})()`;

/**
 * axe-core on the page as it is now, in a light and then a dark colour scheme (the page
 * is re-rendered with `prefers-color-scheme` emulated; it is left light). JavaScript is
 * on, so axe-core is injected as a script element, as in questionnaire.mjs: the context
 * is made with `bypassCSP: true` for that alone (the moderation pages use no script).
 * Any violation is a failure (not thrown: the run goes on).
 */
async function axeBothSchemes(page, label) {
  // Nothing wider than the screen: on a phone that zooms the whole page out.
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (scrollWidth <= innerWidth) pass(`${label}: no wider than the screen`);
  else fail(`${label}: no wider than the screen`, `the page is ${scrollWidth} px wide on a ${innerWidth} px screen`);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
      await page.addScriptTag({ path: AXE_PATH });
    }
    const { violations, incomplete } = await page.evaluate(AXE_RUN);
    for (const v of incomplete) {
      for (const n of v.nodes) needsReview.add(`${v.id} (${v.impact}) on ${new URL(page.url()).pathname} ${n.target}: ${v.help}`);
    }
    const name = `axe ${label} ${scheme}`;
    if (violations.length === 0) {
      pass(name);
    } else {
      fail(
        name,
        violations
          .map(
            (v) =>
              `${v.id} (${v.impact}): ${v.help}\n` +
              v.nodes.map((n) => `  - ${n.target}\n    ${n.summary.replace(/\n/g, '\n    ')}`).join('\n'),
          )
          .join('\n'),
      );
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Clicks as a person would: a tap on a touch screen, a mouse click on a desktop. */
async function press(locator, touch) {
  if (touch) await locator.tap();
  else await locator.click();
}

/** Presses a submit button (or link) and waits for the page it leads to. */
async function submit(page, locator, touch) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), press(locator, touch)]);
  return response;
}

async function visibleText(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function run(browser, viewportName) {
  const touch = viewportName === 'phone';
  const label = `moderation ${viewportName}`;
  console.log(`${label}:`);
  const context = await browser.newContext({
    ...VIEWPORTS[viewportName],
    javaScriptEnabled: true,
    colorScheme: 'light',
    locale: 'nl-NL',
    bypassCSP: true,
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', async (r) => {
    if (r.status() >= 400) {
      // A refused change: what the browser sent for the origin check.
      const h = await r.request().allHeaders().catch(() => r.request().headers());
      const sent = r.request().method() === 'POST' ? ` (Origin: ${h.origin}, Sec-Fetch-Site: ${h['sec-fetch-site']})` : '';
      problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}${sent}`);
    }
  });
  page.on('dialog', (d) => {
    problems.push(`unexpected dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  const shot = async (name) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: path.join(SCREENSHOTS, `moderation-${viewportName}-${name}.png`),
      fullPage: true,
      scale: 'css',
    });
  };
  const pathname = () => new URL(page.url()).pathname;

  try {
    // 1. Sign in.
    let response = await page.goto(`${BASE}/moderation/sign-in`);
    expect(`${label}: sign-in page answers 200`, response.status() === 200, `got ${response.status()}`);
    await axeBothSchemes(page, `${label}: sign-in`);
    await page.locator('#email').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    response = await submit(page, page.locator('form[action="/moderation/sign-in"] button[type=submit]'), touch);
    expect(`${label}: signing in leads to the queue`, pathname() === '/moderation/' && response.status() === 200, `at ${page.url()} (${response.status()})`);

    // 2. The queue, with stories waiting.
    const links = page.locator('main a[href^="/moderation/stories/"]');
    const waiting = await links.count();
    expect(`${label}: the queue lists waiting stories`, waiting >= 1, `links: ${waiting}`);
    await axeBothSchemes(page, `${label}: queue with stories`);
    if (touch) await shot('queue');

    // 3. The first story.
    const storyPath = await links.first().getAttribute('href');
    response = await submit(page, links.first(), touch);
    expect(`${label}: the story page opens`, pathname() === storyPath && response.status() === 200, `at ${page.url()}`);
    await axeBothSchemes(page, `${label}: story`);
    if (touch) await shot('story');

    // 4. Redact: one word of the story becomes "[naam 9]", then "Opslaan".
    const textarea = page.locator('#edit-story');
    const before = await textarea.inputValue();
    const word = (before.match(/[A-Za-zÀ-ÿ]{4,}/) || [])[0];
    expect(`${label}: the story has a word to redact`, Boolean(word), JSON.stringify(before));
    const redacted = before.replace(word, PLACEHOLDER);
    await textarea.fill(redacted);
    const editForm = page.locator('form[action$="/edit"]');
    response = await submit(page, editForm.getByRole('button', { name: 'Opslaan', exact: true }), touch);
    expect(
      `${label}: saving leads back to the story`,
      pathname() === storyPath && response.status() === 200,
      `at ${page.url()} (${response.status()})\n${problems.join('\n')}`,
    );
    const html = await page.content();
    expect(
      `${label}: the saved story shows <mark class="placeholder">${PLACEHOLDER}</mark>`,
      html.includes(`<mark class="placeholder">${PLACEHOLDER}</mark>`),
      `placeholders: ${JSON.stringify(await page.locator('mark.placeholder').allInnerTexts())}`,
    );
    expect(
      `${label}: the redacted word is gone from the story text`,
      (await page.locator('#edit-story').inputValue()).includes(PLACEHOLDER),
      await page.locator('#edit-story').inputValue(),
    );

    // 5. Title, a theme, approve.
    await page.locator('#title').fill(`Titel ${viewportName}`);
    const theme = page.locator('form[action$="/approve"] input[name=theme]').first();
    const themeId = await theme.getAttribute('id');
    await press(page.locator(`label[for="${themeId}"]`), touch);
    expect(`${label}: clicking the theme label ticks it`, await theme.isChecked());
    const approveForm = page.locator('form[action$="/approve"]');
    response = await submit(page, approveForm.locator('button[type=submit]'), touch);
    expect(`${label}: approving leads back to the queue`, pathname() === '/moderation/' && response.status() === 200, `at ${page.url()} (${response.status()})`);
    const notice = page.locator('p.notice[role=status]');
    expect(
      `${label}: the queue shows the approval notice`,
      (await notice.count()) === 1 && (await visibleText(notice)).length > 0,
      `notices: ${await notice.count()}`,
    );
    const remaining = await page.locator('main a[href^="/moderation/stories/"]').count();
    expect(`${label}: the approved story left the queue`, remaining === waiting - 1, `${waiting} -> ${remaining}`);
    await axeBothSchemes(page, `${label}: queue after approval (${remaining === 0 ? 'empty' : `${remaining} waiting`})`);
    if (touch) await shot('queue-after');

    // 6. The admin pages, two-step sign-in.
    for (const [name, where] of [
      ['accounts', '/moderation/accounts'],
      ['themes', '/moderation/themes'],
      ['audit', '/moderation/audit'],
      ['two-step', '/moderation/two-step'],
    ]) {
      const link = page.locator(`header nav a[href="${where}"]`);
      expect(`${label}: the header links to ${name}`, (await link.count()) === 1);
      response = await submit(page, link, touch);
      expect(`${label}: ${name} answers 200`, pathname() === where && response.status() === 200, `at ${page.url()} (${response.status()})`);
      await axeBothSchemes(page, `${label}: ${name}`);
      if (touch) await shot(name);
    }

    // 7. Sign out: the header's form.
    response = await submit(page, page.locator('header form[action="/moderation/sign-out"]').getByRole('button', { name: 'Uitloggen', exact: true }), touch);
    expect(`${label}: signing out lands on the sign-in page`, pathname() === '/moderation/sign-in', `at ${page.url()}`);
    const said = await visibleText(page.locator('main'));
    expect(`${label}: the sign-in page says "${SIGNED_OUT}"`, said.includes(SIGNED_OUT), said);
    await axeBothSchemes(page, `${label}: sign-in after sign-out`);
    response = await page.goto(`${BASE}/moderation/`);
    expect(`${label}: the queue is closed after signing out`, pathname() === '/moderation/sign-in', `at ${page.url()}`);

    // 8. Password reset, as someone who forgot theirs.
    response = await submit(page, page.locator('main a[href="/moderation/password-reset"]'), touch);
    expect(`${label}: the password reset page answers 200`, pathname() === '/moderation/password-reset' && response.status() === 200, `at ${page.url()}`);
    await axeBothSchemes(page, `${label}: password reset request`);

    expect(`${label}: no script errors, failed requests or error responses`, problems.length === 0, problems.join('\n'));
  } catch (error) {
    fail(error.checkName || `${label}: unexpected error`, error.checkName ? error.message : error.stack || error);
    await page
      .screenshot({ path: path.join(SCREENSHOTS, `FAILED-${label.replace(/ /g, '-')}.png`), fullPage: true })
      .catch(() => {});
  } finally {
    await context.close();
  }
}

const started = Date.now();
mkdirSync(SCREENSHOTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  // The phone approves the first of two stories, the desktop the second: the desktop run
  // sees the queue with a story and then empty.
  for (const viewportName of ['phone', 'desktop']) await run(browser, viewportName);
} finally {
  await browser.close();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (needsReview.size > 0) {
  console.log(`axe-core asks for a human review of (not failures):\n${[...needsReview].map((x) => `  ${x}`).join('\n')}`);
}
if (failed > 0) console.log(`failed: ${failures.join('; ')}`);
console.log(`moderation browser tests took ${seconds}s; screenshots in ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
