// Real-browser end-to-end and accessibility tests of "Deel jouw verhaal".
//
//   node tests/browser/questionnaire.mjs http://127.0.0.1:PORT
//
// Drives Debian's headless Chromium (/usr/bin/chromium, no browser download) with
// playwright-core through the whole questionnaire as a parent would: fill in, preview,
// send, read the code, check the status, withdraw. For each language (nl, en) x
// viewport (phone, desktop) x JavaScript (off, on). axe-core checks every page it passes
// (WCAG 2.0/2.1 A and AA plus best practices), in a light and a dark colour scheme.
// The server must run with KANARIE_MIN_FILL_SECONDS=0 (the bot check would refuse a
// send this fast). tests/it/browser.rs starts one and runs this script.
//
// Prints `browser: N passed, M failed` last and exits non-zero on any failure.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core');
const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(HERE, '../../target/browser-screenshots');
const CHROMIUM = process.env.KANARIE_CHROMIUM || '/usr/bin/chromium';

const BASE = (process.argv[2] || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(BASE)) {
  console.error('usage: node tests/browser/questionnaire.mjs http://127.0.0.1:PORT');
  process.exit(2);
}

// What each language's pages say and where they live.
const LANG = {
  nl: {
    form: '/nl/verhaal',
    status: '/nl/verhaal/status',
    previewButton: 'Bekijk je verhaal',
    sendButton: 'Verstuur',
    checkButton: 'Bekijk',
    withdrawButton: 'Verwijder mijn verhaal',
    storyRequired: 'Schrijf je verhaal hier.',
    inReview: 'Je verhaal wordt nog bekeken. Er is nog niets gepubliceerd.',
    withdrawn: 'Je verhaal en je antwoorden zijn verwijderd.',
    story:
      'Onze dochter Fenna Brouwersma zit sinds de herfstvakantie thuis. Op school werd ze gepest ' +
      'en niemand greep in. Bel me gerust op 06-12345678 of mail naar fenna.thuis@voorbeeldmail.nl. ' +
      'Elke ochtend buikpijn, elke avond huilen.',
    change: 'Een vaste mentor die echt luistert, en een rustige plek om te beginnen.',
    childWords: 'Ik wil wel leren, maar niet daar.',
  },
  en: {
    form: '/en/story',
    status: '/en/story/status',
    previewButton: 'Preview your story',
    sendButton: 'Send',
    checkButton: 'Check',
    withdrawButton: 'Delete my story',
    storyRequired: 'Write your story here.',
    inReview: 'Your story is still being reviewed. Nothing has been published yet.',
    withdrawn: 'Your story and your answers have been deleted.',
    story:
      'Our daughter Fenna Brouwersma has been at home since the autumn holiday. She was bullied at ' +
      'school and nobody stepped in. Call me on 06-12345678 or e-mail fenna.thuis@voorbeeldmail.nl. ' +
      'Every morning a stomach ache, every evening tears.',
    change: 'A steady mentor who really listens, and a quiet place to start.',
    childWords: 'I do want to learn, just not there.',
  },
};
const PHONE = '06-12345678';
const EMAIL = 'fenna.thuis@voorbeeldmail.nl';
const CHILD_NAME = 'Brouwersma';
const CODE_RE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

// The answers a parent picks, by the option ids the form gives them. "reasons" and
// "helped" take several; "unsaid" ("zeg ik liever niet") is chosen once on purpose.
const ANSWERS = [
  'q-writer-parent',
  'q-age_band-12_15',
  'q-school_type-secondary',
  'q-time_at_home-3_12_months',
  'q-reasons-bullying',
  'q-reasons-overstimulation',
  'q-helped-nothing_yet',
  'q-situation-home_without_education',
  'q-province-unsaid',
];

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
const needsReview = new Set();
let failed = 0;
const failures = [];

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

/** axe-core on the page as it is now; any violation is a failure (not thrown: the run goes on). */
async function axe(page, label, js) {
  const { violations: result, incomplete } = js ? await axeWithScriptTag(page) : await axeInIsolatedWorld(page);
  // "Needs review" results do not fail the run; they are listed once at the end.
  for (const v of incomplete) {
    for (const n of v.nodes) needsReview.add(`${v.id} (${v.impact}) on ${new URL(page.url()).pathname} ${n.target}: ${v.help}`);
  }
  const name = `axe ${label}`;
  if (result.length === 0) {
    pass(name);
    return;
  }
  const detail = result
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `  - ${n.target}\n    ${n.summary.replace(/\n/g, '\n    ')}`).join('\n'),
    )
    .join('\n');
  fail(name, detail);
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

/** JavaScript on: axe-core injected into the page as a script element. */
async function axeWithScriptTag(page) {
  // The pages send `Content-Security-Policy: script-src 'self'`, which would block this
  // injected script: the browser context is made with `bypassCSP: true` for that alone.
  // kanarie's own pages use no script at all.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  return page.evaluate(AXE_RUN);
}

/**
 * JavaScript off: the page's own world runs no script (an injected script element would
 * not run, and page.evaluate waits for a script context that never comes), so axe-core
 * runs in an isolated world over the same DOM, as a browser extension's would, through
 * the DevTools protocol. Timers do not fire while scripting is off, so that world's
 * setTimeout and requestAnimationFrame run their callback as a microtask instead (axe
 * only uses them to yield). Checked against planted violations: same results as with
 * JavaScript on.
 */
async function axeInIsolatedWorld(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'kanarie-axe',
      grantUniveralAccess: false,
    });
    const evaluate = async (expression) => {
      const r = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: executionContextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (r.exceptionDetails) {
        throw new Error(`axe-core in an isolated world: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
      }
      return r.result.value;
    };
    await evaluate(`(() => {
      const soon = (callback, ...args) => {
        Promise.resolve().then(() => typeof callback === 'function' && callback(...args));
        return 1;
      };
      window.setTimeout = soon;
      window.requestAnimationFrame = soon;
      window.clearTimeout = () => {};
      window.cancelAnimationFrame = () => {};
    })()`);
    await evaluate(AXE_SOURCE);
    return await evaluate(AXE_RUN);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Clicks as a person would: a tap on a touch screen, a mouse click on a desktop. */
async function press(locator, touch) {
  if (touch) await locator.tap();
  else await locator.click();
}

/** Presses a submit button and waits for the page it leads to. */
async function submit(page, locator, touch) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    press(locator, touch),
  ]);
  return response;
}

async function visibleText(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function run(browser, lang, viewportName, js, scheme, consent) {
  const t = LANG[lang];
  const touch = viewportName === 'phone';
  const label = `${lang} ${viewportName} js-${js ? 'on' : 'off'} ${scheme}`;
  console.log(`${label}:`);
  const context = await browser.newContext({
    ...VIEWPORTS[viewportName],
    javaScriptEnabled: js,
    colorScheme: scheme,
    locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
    // bypassCSP only where axe-core is injected as a script (JavaScript on, see
    // axeWithScriptTag). With JavaScript off the pages run under their own CSP, so
    // anything it blocks (an inline style, say) shows up as a console error below.
    bypassCSP: js,
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every error status it loads; the expected 422 is checked below.
    if (m.type() === 'error' && !m.text().includes('status of 422')) problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    // 422 is the form coming back with its problems; every other error status is a bug.
    if (r.status() >= 400 && r.status() !== 422) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const shot = async (name) => {
    if (!touch) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${lang}-${viewportName}-${scheme}-${name}.png`), fullPage: true, scale: 'css' });
  };

  try {
    // 1. The questionnaire.
    let response = await page.goto(BASE + t.form);
    expect(`${label}: questionnaire answers 200`, response.status() === 200, `got ${response.status()}`);
    expect(
      `${label}: questionnaire has the story fields`,
      (await page.locator('textarea#field-story').count()) === 1 &&
        (await page.locator('fieldset#question-writer input[type=radio]').count()) > 1 &&
        (await page.locator('input[name=token][type=hidden]').count()) === 1,
    );
    await axe(page, `${label}: questionnaire`, js);

    // 2. Everything but the story, then "Bekijk je verhaal": the story is required.
    await page.locator('#field-change').fill(t.change);
    await page.locator('#field-child_words').fill(t.childWords);
    for (const id of ANSWERS) await press(page.locator(`label[for="${id}"]`), touch);
    await press(page.locator(`label[for="consent-${consent}"]`), touch);
    expect(
      `${label}: clicking labels chose the answers`,
      (await Promise.all(ANSWERS.map((id) => page.locator(`#${id}`).isChecked()))).every(Boolean) &&
        (await page.locator(`#consent-${consent}`).isChecked()),
    );
    response = await submit(page, page.getByRole('button', { name: t.previewButton, exact: true }), touch);
    expect(`${label}: an empty story comes back as 422`, response.status() === 422, `got ${response.status()}`);
    const errorNext = page.locator('#error-story');
    expect(
      `${label}: the error is shown next to the story field`,
      (await errorNext.isVisible()) &&
        (await visibleText(errorNext)).startsWith(t.storyRequired) &&
        (await page.locator('#field-story').getAttribute('aria-invalid')) === 'true' &&
        ((await page.locator('#field-story').getAttribute('aria-describedby')) || '').includes('error-story') &&
        // the message sits between the label and the field
        (await page.locator('label[for="field-story"] ~ #error-story ~ #field-story').count()) === 1,
    );
    const summaryLinks = page.locator('.error-summary a');
    expect(
      `${label}: the error summary has one link, to the story field`,
      (await summaryLinks.count()) === 1 && (await summaryLinks.first().getAttribute('href')) === '#field-story',
      `links: ${await summaryLinks.count()}`,
    );
    // The link is reachable with the keyboard: Tab from the top of the page reaches it
    // before any form field. (Selectors, not page.evaluate: with JavaScript off the page's
    // own world runs nothing.)
    let reached = false;
    for (let i = 0; i < 8 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await page.locator('.error-summary a:focus').count()) === 1;
    }
    expect(`${label}: the error summary link is focusable with Tab`, reached);
    await page.keyboard.press('Enter');
    for (let i = 0; i < 20 && !page.url().endsWith('#field-story'); i += 1) await page.waitForTimeout(50);
    const box = await page.locator('#field-story').boundingBox();
    const height = VIEWPORTS[viewportName].viewport.height;
    expect(
      `${label}: the error link leads to the story field`,
      page.url().endsWith('#field-story') && box && box.y < height && box.y + box.height > 0,
      `url ${page.url()}, field at ${JSON.stringify(box)}`,
    );
    if ((await page.locator('#field-story:focus').count()) === 0) {
      console.log('  note following the error link scrolls to the story field but does not focus it');
    }
    expect(
      `${label}: what was typed and chosen is kept`,
      (await page.locator('#field-change').inputValue()) === t.change &&
        (await page.locator('#field-child_words').inputValue()) === t.childWords &&
        (await Promise.all(ANSWERS.map((id) => page.locator(`#${id}`).isChecked()))).every(Boolean) &&
        (await page.locator(`#consent-${consent}`).isChecked()),
    );
    await axe(page, `${label}: preview with validation errors`, js);
    await shot('errors');

    // 3. The preview: placeholders, and none of the planted identifiers.
    await page.locator('#field-story').fill(t.story);
    response = await submit(page, page.getByRole('button', { name: t.previewButton, exact: true }), touch);
    expect(`${label}: preview answers 200`, response.status() === 200, `got ${response.status()}`);
    const preview = page.locator('section.preview');
    const previewText = await visibleText(preview);
    const marks = await preview.locator('mark.placeholder').allInnerTexts();
    expect(`${label}: preview shows placeholders`, marks.length >= 2, `placeholders: ${JSON.stringify(marks)}`);
    expect(
      `${label}: preview shows neither the phone number nor the e-mail address`,
      !previewText.includes(PHONE) && !previewText.includes('12345678') && !previewText.includes(EMAIL) &&
        !previewText.includes('voorbeeldmail'),
      previewText,
    );
    if (previewText.includes(CHILD_NAME)) {
      console.log(`  note the child's invented surname "${CHILD_NAME}" is still in the preview`);
    }
    expect(
      `${label}: preview shows the summary sentence and the answers`,
      (await visibleText(preview.locator('.lead'))).length > 10 && (await preview.locator('dl.answers dt').count()) >= 8,
    );
    expect(
      `${label}: the form below the preview is still filled in`,
      (await page.locator('#field-story').inputValue()) === t.story &&
        (await page.locator(`#consent-${consent}`).isChecked()),
    );
    await axe(page, `${label}: preview`, js);
    await shot('preview');

    // 4. Send; the thank-you page shows the withdrawal code once.
    response = await submit(page, preview.getByRole('button', { name: t.sendButton, exact: true }), touch);
    expect(`${label}: send answers 200`, response.status() === 200, `got ${response.status()}`);
    const codeLocator = page.locator('p.code');
    const code = (await codeLocator.count()) === 1 ? (await codeLocator.innerText()).trim() : '';
    expect(`${label}: thank-you page shows a withdrawal code`, CODE_RE.test(code), `code: ${JSON.stringify(code)}`);
    await axe(page, `${label}: thank-you`, js);
    await shot('thanks');

    // 5. Status: follow the link, type the code, see what happens to the story.
    await Promise.all([
      page.waitForNavigation(),
      press(page.locator(`a[href="${t.status}"]`), touch),
    ]);
    expect(`${label}: status page opened`, new URL(page.url()).pathname === t.status, page.url());
    await axe(page, `${label}: status (ask)`, js);
    // Typed as a person would: lower case is fine, the hint says so.
    await press(page.locator('label[for="code"]'), touch);
    await page.keyboard.type(code.toLowerCase());
    response = await submit(page, page.getByRole('button', { name: t.checkButton, exact: true }), touch);
    // A new story waits for a moderator, whichever consent was given.
    const statusText = await visibleText(page.locator('[role=status]'));
    expect(`${label}: status says the story is being reviewed`, statusText === t.inReview, `got: ${statusText}`);
    await axe(page, `${label}: status (found)`, js);

    // 6. Withdraw: tick the box, press the button.
    await press(page.locator('label[for="confirm"]'), touch);
    expect(`${label}: ticking the label checks the confirm box`, await page.locator('#confirm').isChecked());
    response = await submit(page, page.getByRole('button', { name: t.withdrawButton, exact: true }), touch);
    const done = await visibleText(page.locator('[role=status]'));
    expect(`${label}: the story is withdrawn`, response.status() === 200 && done === t.withdrawn, `got ${response.status()}: ${done}`);
    await axe(page, `${label}: status (withdrawn)`, js);

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
rmSync(SCREENSHOTS, { recursive: true, force: true });
mkdirSync(SCREENSHOTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // playwright-core gives every launch a fresh temporary user-data-dir and removes it
  // at close (a --user-data-dir argument is refused by launch()).
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
  for (const lang of ['nl', 'en']) {
    for (const viewportName of ['phone', 'desktop']) {
      for (const js of [false, true]) {
        // Every language x viewport is seen in both colour schemes, and both consents.
        const scheme = js ? 'dark' : 'light';
        const consent = (viewportName === 'phone') === js ? 'count_only' : 'publish';
        await run(browser, lang, viewportName, js, scheme, consent);
      }
    }
  }
} finally {
  await browser.close();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (needsReview.size > 0) {
  console.log(`axe-core asks for a human review of (not failures):\n${[...needsReview].map((x) => `  ${x}`).join('\n')}`);
}
if (failed > 0) console.log(`failed: ${failures.join('; ')}`);
console.log(`browser tests took ${seconds}s; screenshots in ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
