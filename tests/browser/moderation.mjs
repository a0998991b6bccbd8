// Real-browser end-to-end and accessibility tests of the moderation pages.
//
//   node tests/browser/moderation.mjs http://127.0.0.1:PORT EMAIL PASSWORD
//
// Drives Debian's headless Chromium (/usr/bin/chromium, no browser download) with
// playwright-core as a moderator would, on a phone and on a desktop (JavaScript on): sign
// in, open the queue, open (and so claim) the first story, redact a word to "[naam 9]"
// and save (staying at the edit, seeing what kanarie removed), give a title with a name
// and a theme, approve, land on the next story with the anonymised title shown, see the
// claim in the queue, take the approved story down from the published list, read the
// take-down in the audit trail and filter by it, see the idle warning and stay signed in,
// sign out. axe-core (WCAG 2.0/2.1 A and AA plus best practices) checks every moderation
// page, each in a light and a dark colour scheme: sign-in, queue, story, story after
// saving, next story, published list, story taken down, audit, idle warning, accounts,
// themes, two-step sign-in and password reset.
// The server must run with KANARIE_INSECURE_COOKIES=true (plain http) and have at least
// three stories waiting and the account EMAIL (an admin) with PASSWORD: tests/it/browser_embed.rs
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
  onFailedRequest,
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
 * is made with `bypassCSP: true` for that alone (the moderation pages' only script is the
 * idle warning, an external file under the CSP).
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
  // A clock the test can move, for the idle warning.
  await context.clock.install();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  onFailedRequest(page, (problem) => problems.push(problem));
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

    // 2. The queue, with stories waiting: each row an excerpt linking to the story.
    const links = page.locator('main table.queue a.excerpt');
    const waiting = await links.count();
    expect(`${label}: the queue lists waiting stories`, waiting >= 2, `links: ${waiting}`);
    await axeBothSchemes(page, `${label}: queue with stories`);
    if (touch) await shot('queue');

    // 3. The first story: opening it claims it (the queue says so afterwards).
    const storyPath = await links.first().getAttribute('href');
    response = await submit(page, links.first(), touch);
    expect(`${label}: the story page opens`, pathname() === storyPath && response.status() === 200, `at ${page.url()}`);
    await axeBothSchemes(page, `${label}: story`);
    if (touch) await shot('story');

    // 4. Redact: one word of the story becomes "[naam 9]", then "Opslaan": the moderator
    //    stays at the edit, with a notice and what kanarie did with the change.
    const textarea = page.locator('#edit-story');
    const before = await textarea.inputValue();
    const word = (before.match(/[A-Za-zÀ-ÿ]{4,}/) || [])[0];
    expect(`${label}: the story has a word to redact`, Boolean(word), JSON.stringify(before));
    await textarea.fill(`${before.replace(word, PLACEHOLDER)} Juf Marieke Verstappen belde.`);
    const editForm = page.locator('form[action$="/edit"]');
    response = await submit(page, editForm.getByRole('button', { name: 'Opslaan', exact: true }), touch);
    expect(
      `${label}: saving stays at the story's edit`,
      pathname() === storyPath && response.status() === 200 && new URL(page.url()).hash === '#edit-heading',
      `at ${page.url()} (${response.status()})\n${problems.join('\n')}`,
    );
    const html = await page.content();
    expect(
      `${label}: the saved story shows <mark class="placeholder">${PLACEHOLDER}</mark>`,
      html.includes(`<mark class="placeholder">${PLACEHOLDER}</mark>`),
      `placeholders: ${JSON.stringify(await page.locator('mark.placeholder').allInnerTexts())}`,
    );
    const editResult = page.locator('#edit-result');
    expect(
      `${label}: after saving, what kanarie removed from the change is shown and marked`,
      (await editResult.count()) === 1 && (await visibleText(editResult)).includes('naam')
        && (await page.locator('mark.new-placeholder').count()) >= 1,
      (await editResult.count()) ? await visibleText(editResult) : 'no #edit-result',
    );
    expect(
      `${label}: the name typed into the edit is gone`,
      !(await page.locator('#edit-story').inputValue()).includes('Verstappen'),
      await page.locator('#edit-story').inputValue(),
    );
    await axeBothSchemes(page, `${label}: story after saving`);

    // 5. Title (with a name, which kanarie removes), a theme, approve: on to the next story.
    await page.locator('#title').fill(`Titel ${viewportName} voor Jeroen de Graaf`);
    const theme = page.locator('form[action$="/approve"] input[name=theme]').first();
    const themeId = await theme.getAttribute('id');
    if (!(await theme.isChecked())) await press(page.locator(`label[for="${themeId}"]`), touch);
    expect(`${label}: the theme is ticked`, await theme.isChecked());
    const approveForm = page.locator('form[action$="/approve"]');
    response = await submit(page, approveForm.locator('button[type=submit]'), touch);
    const nextPath = pathname();
    expect(
      `${label}: approving lands on the next story`,
      nextPath.startsWith('/moderation/stories/') && nextPath !== storyPath && response.status() === 200,
      `at ${page.url()} (${response.status()})`,
    );
    const notice = page.locator('#notice[role=status]');
    const shownTitle = page.locator('#approved-title-result');
    expect(
      `${label}: the next story says the last one was approved, with its anonymised title`,
      (await notice.count()) === 1 && (await shownTitle.count()) === 1
        && (await visibleText(shownTitle)).startsWith(`Titel ${viewportName}`)
        && !(await visibleText(shownTitle)).includes('Graaf'),
      (await shownTitle.count()) ? await visibleText(shownTitle) : 'no title shown',
    );
    await axeBothSchemes(page, `${label}: next story after approval`);
    if (touch) await shot('next-story');

    // 6. The queue: the story now being reviewed is marked as this moderator's.
    response = await submit(page, page.locator('header nav a[href="/moderation/"]'), touch);
    const ownRow = page.locator(`main tr:has(a[href="${nextPath}"])`);
    expect(
      `${label}: the queue marks the story this moderator is reviewing`,
      (await ownRow.count()) === 1 && (await visibleText(ownRow)).includes('Jij bent bezig'),
      (await ownRow.count()) ? await visibleText(ownRow) : 'no row',
    );

    // 7. Published stories: the approved one is listed; take it down with a reason.
    response = await submit(page, page.locator('header nav a[href="/moderation/published"]'), touch);
    expect(`${label}: the published list answers 200`, pathname() === '/moderation/published' && response.status() === 200, `at ${page.url()}`);
    const storyId = storyPath.split('/').pop();
    const row = page.locator(`#published-${storyId}`);
    expect(`${label}: the approved story is listed as published`, (await row.count()) === 1);
    await axeBothSchemes(page, `${label}: published stories`);
    if (touch) await shot('published');
    await row.locator('select[name=reason]').selectOption('correction');
    response = await submit(page, row.getByRole('button', { name: /Offline halen/ }), touch);
    expect(
      `${label}: taking down leads to the story, back for correction`,
      pathname() === storyPath && response.status() === 200
        && (await visibleText(page.locator('#notice'))).includes('offline gehaald'),
      `at ${page.url()} (${response.status()})`,
    );
    const api = await page.request.get(`${BASE}/api/v1/stories/${storyId}`);
    expect(`${label}: the story is gone from the API`, api.status() === 404, `API answered ${api.status()}`);
    await axeBothSchemes(page, `${label}: story taken down`);

    // 8. The audit trail says so in words, links the story, and filters by action.
    response = await submit(page, page.locator('header nav a[href="/moderation/audit"]'), touch);
    const takenRow = page.locator('main tbody tr', { hasText: 'Offline gehaald' }).first();
    expect(
      `${label}: the audit trail shows the take-down in words with the story linked`,
      (await takenRow.count()) === 1 && (await takenRow.locator(`a[href="${storyPath}"]`).count()) === 1
        && (await visibleText(takenRow)).includes('Er moet iets verbeterd worden'),
      (await takenRow.count()) ? await visibleText(takenRow) : 'no row',
    );
    await page.locator('#filter-action').selectOption('taken_down');
    response = await submit(page, page.locator('form[action="/moderation/audit"] button[type=submit]'), touch);
    const actions = await page.locator('main tbody tr td:nth-child(3)').allInnerTexts();
    expect(
      `${label}: filtering by action shows only take-downs`,
      actions.length >= 1 && actions.every((a) => a.trim() === 'Offline gehaald'),
      JSON.stringify(actions),
    );
    await axeBothSchemes(page, `${label}: audit filtered`);

    // 9. The idle warning (progressive enhancement): 25 minutes later the page warns,
    //    and "Ingelogd blijven" keeps the session.
    await page.clock.fastForward('25:00');
    const warning = page.locator('#idle-warning');
    await warning.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    expect(`${label}: the page warns before the idle limit`, await warning.isVisible());
    await press(page.locator('#idle-stay'), touch);
    await page.locator('#idle-message', { hasText: 'Je blijft ingelogd' }).waitFor({ timeout: 5000 }).catch(() => {});
    expect(
      `${label}: "Ingelogd blijven" keeps the session`,
      (await visibleText(page.locator('#idle-message'))).includes('Je blijft ingelogd'),
      await visibleText(page.locator('#idle-message')),
    );
    await axeBothSchemes(page, `${label}: idle warning`);

    // 10. The admin pages, two-step sign-in.
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

    // 11. Sign out: the header's form.
    response = await submit(page, page.locator('header form[action="/moderation/sign-out"]').getByRole('button', { name: 'Uitloggen', exact: true }), touch);
    expect(`${label}: signing out lands on the sign-in page`, pathname() === '/moderation/sign-in', `at ${page.url()}`);
    const said = await visibleText(page.locator('main'));
    expect(`${label}: the sign-in page says "${SIGNED_OUT}"`, said.includes(SIGNED_OUT), said);
    await axeBothSchemes(page, `${label}: sign-in after sign-out`);
    response = await page.goto(`${BASE}/moderation/`);
    expect(`${label}: the queue is closed after signing out`, pathname() === '/moderation/sign-in', `at ${page.url()}`);

    // 12. Password reset, as someone who forgot theirs.
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
  // The phone approves and takes down the first story; it comes back to the queue (oldest
  // first), so the desktop run works on it again and lands on the second.
  for (const viewportName of ['phone', 'desktop']) await run(browser, viewportName);
} finally {
  await browser.close();
}

finish({ started, title: 'moderation browser tests', screenshots: SCREENSHOTS });
