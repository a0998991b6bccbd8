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
// Prints `browser: N passed, M failed` last and exits non-zero on any failure. The
// reporter, Chromium and the axe-core runner are in lib.mjs; screenshots (phone only) go to
// target/browser-screenshots/moderation/.

import {
  VIEWPORTS,
  axeWithScriptTag,
  check,
  expect,
  failFromError,
  failureScreenshot,
  finish,
  isOrigin,
  launchChromium,
  newContext,
  originArg,
  pageWidths,
  press,
  reportAxe,
  screenshot,
  screenshotDir,
  submit,
  visibleText,
} from './lib.mjs';

const BASE = originArg(process.argv[2]);
const EMAIL = process.argv[3] || '';
const PASSWORD = process.argv[4] || '';
if (!isOrigin(BASE) || !EMAIL || !PASSWORD) {
  console.error('usage: node tests/browser/moderation.mjs http://127.0.0.1:PORT EMAIL PASSWORD');
  process.exit(2);
}

const PLACEHOLDER = '[naam 9]';
const SIGNED_OUT = 'Je bent uitgelogd';

/**
 * axe-core on the page as it is now, in a light and then a dark colour scheme (the page
 * is re-rendered with `prefers-color-scheme` emulated; it is left light). JavaScript is
 * on, so axe-core is injected as a script element, as in questionnaire.mjs: the context
 * is made with `bypassCSP: true` for that alone (the moderation pages use no script).
 * Any violation is a failure (not thrown: the run goes on).
 */
async function axeBothSchemes(page, label) {
  // Nothing wider than the screen: on a phone that zooms the whole page out.
  const [scrollWidth, innerWidth] = await pageWidths(page);
  check(`${label}: no wider than the screen`, scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide on a ${innerWidth} px screen`);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    reportAxe(`${label} ${scheme}`, await axeWithScriptTag(page), new URL(page.url()).pathname);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function run(browser, viewportName) {
  const touch = viewportName === 'phone';
  const label = `moderation ${viewportName}`;
  console.log(`${label}:`);
  const context = await newContext(browser, {
    ...VIEWPORTS[viewportName],
    javaScriptEnabled: true,
    colorScheme: 'light',
    locale: 'nl-NL',
    bypassCSP: true,
  });
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
    await screenshot(page, SCREENSHOTS, `moderation-${viewportName}-${name}.png`, { fullPage: true, scale: 'css' });
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
    failFromError(error, label);
    await failureScreenshot(page, SCREENSHOTS, label);
  } finally {
    await context.close();
  }
}

const started = Date.now();
const SCREENSHOTS = screenshotDir('moderation');
const browser = await launchChromium();
try {
  // The phone approves the first of two stories, the desktop the second: the desktop run
  // sees the queue with a story and then empty.
  for (const viewportName of ['phone', 'desktop']) await run(browser, viewportName);
} finally {
  await browser.close();
}

finish({ started, title: 'moderation browser tests', screenshots: SCREENSHOTS });
