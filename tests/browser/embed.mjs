// Hostile text in the embeds, in a real browser, on a campaign site with a strict CSP.
//
//   node tests/browser/embed.mjs http://127.0.0.1:PORT http://127.0.0.1:HOSTPORT
//
// BASE is kanarie, with published stories whose titles and texts are script-injection
// payloads (tests/it/browser_embed.rs approves them). HOST is another origin serving a
// campaign page under
//   default-src 'none'; script-src BASE; connect-src BASE; style-src BASE; frame-src BASE; img-src 'none'
// with kanarie's widget (<script src="BASE/embed.js">, rendered into a shadow root) and
// its iframe (<iframe src="BASE/embed?...">): HOST/ shows the newest 20 stories,
// HOST/t/SLUG the stories of one theme (so that every story is shown somewhere).
//
// For every page: no dialog opens, no payload ran (window.__xss stays undefined in the page
// and in the iframe; alert, confirm and prompt would open a dialog), no CSP violation is
// reported (in the page or the iframe), no element or attribute came from a payload, and
// every title and text the API publishes is in the widget and in the iframe literally, as
// text. axe-core checks the host page (shadow DOM and iframe included) and /embed on its
// own, light and dark.
//
// Prints `browser: N passed, M failed` last and exits non-zero on any failure.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(HERE, '../../target/browser-screenshots');
const CHROMIUM = process.env.KANARIE_CHROMIUM || '/usr/bin/chromium';

const BASE = (process.argv[2] || '').replace(/\/+$/, '');
const HOST = (process.argv[3] || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(BASE) || !/^https?:\/\/[^/]+$/.test(HOST)) {
  console.error('usage: node tests/browser/embed.mjs http://127.0.0.1:PORT http://127.0.0.1:HOSTPORT');
  process.exit(2);
}
const COUNT = 20;

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

/** A check that does not stop the run. */
function check(name, condition, detail = '') {
  if (condition) pass(name);
  else fail(name, detail || name);
}

/** An assertion: counts a pass, or throws so the rest of the run's steps are skipped. */
function expect(name, condition, detail = '') {
  if (condition) {
    pass(name);
  } else {
    throw Object.assign(new Error(detail || name), { checkName: name });
  }
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** Every published Dutch story, newest first, as the API gives them. */
async function publishedStories() {
  const all = [];
  let cursor = null;
  do {
    const page = await getJson(`${BASE}/api/v1/stories?lang=nl&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(...page.stories);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
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
    nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary || '' })),
  });
  return { violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
})()`;

/**
 * axe-core on the page and every frame in it. The pages under test keep their CSP (no
 * bypassCSP: it is what is being tested), so axe-core is not added as a script element
 * (script-src would refuse it) but evaluated through the DevTools protocol, which a CSP
 * does not govern, in the main world of every frame, as questionnaire.mjs does in an
 * isolated world. axe.run in the top frame then reaches into the iframes (it talks to the
 * axe-core in each frame by postMessage) and into open shadow roots.
 */
async function axe(page, label) {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(AXE_SOURCE);
    // axe-core only talks to frames of its own origin unless told otherwise; the iframe
    // is kanarie's, the page the campaign's.
    await frame.evaluate((origins) => window.axe.configure({ allowedOrigins: origins }), [BASE, HOST]);
  }
  const { violations, incomplete } = await page.evaluate(AXE_RUN);
  for (const v of incomplete) {
    for (const n of v.nodes) needsReview.add(`${v.id} (${v.impact}) on ${page.url()} ${n.target}: ${v.help}`);
  }
  const name = `axe ${label}`;
  if (violations.length === 0) {
    pass(name);
    return;
  }
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

/**
 * Runs before any script of every document (page and iframe), through the DevTools
 * protocol, so the host page's CSP does not stop it: counts CSP violations the document
 * reports. Payloads that ran would set window.__xss or open a dialog.
 */
const WATCH = `(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || ''));
  }, true);
})();`;

/** What a frame's document holds that no story text should have made. */
const INSPECT = `(() => {
  const roots = [document];
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  const bad = [];
  const allowed = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'LINK', 'BODY', 'MAIN', 'H1', 'H2', 'P', 'ARTICLE', 'DETAILS', 'SUMMARY', 'SPAN', 'A', 'DIV', 'SECTION', 'SCRIPT', 'IFRAME']);
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      if (!allowed.has(el.tagName)) bad.push('<' + el.tagName.toLowerCase() + '>');
      for (const attr of el.getAttributeNames()) {
        if (/^on/i.test(attr) || attr === 'style' || attr === 'srcdoc' || attr === 'autofocus') bad.push(el.tagName.toLowerCase() + '[' + attr + ']');
      }
      if (el.tagName === 'A' && !/^https?:/.test(el.href)) bad.push('a[href=' + el.getAttribute('href') + ']');
      if (el.tagName === 'SCRIPT' && root !== document) bad.push('script in a shadow root');
    }
  }
  return { xss: typeof window.__xss, csp: window.__csp || ['(watcher missing)'], bad };
})()`;

/** The stories a widget or iframe shows: title, excerpt and rest, as text. */
const STORIES_IN = (root) => `(() => {
  const root = ${root};
  if (!root) return null;
  return [...root.querySelectorAll('article')].map((a) => ({
    title: a.querySelector('h2')?.textContent ?? null,
    excerpt: a.querySelector(':scope > p.text')?.textContent ?? null,
    rest: a.querySelector('details > p.text')?.textContent ?? '',
  }));
})()`;

/**
 * Whether what is shown is the story as published, exactly: the title, and the text cut
 * once for "read more" at a space (the excerpt is a prefix of the text; the rest is the
 * remainder less the spaces at the cut).
 */
function sameStory(shown, story) {
  if (shown.title !== story.title) return `title ${JSON.stringify(shown.title)} is not ${JSON.stringify(story.title)}`;
  const full = story.story;
  const trim = (s) => s.replace(/^\s+/, '');
  if (!full.startsWith(shown.excerpt)) return `text ${JSON.stringify(shown.excerpt)} does not begin ${JSON.stringify(full)}`;
  const remainder = full.slice(shown.excerpt.length);
  if (shown.rest === '' ? remainder.trim() !== '' : trim(remainder) !== shown.rest) {
    return `"read more" ${JSON.stringify(shown.rest)} is not the rest of ${JSON.stringify(full)}`;
  }
  return null;
}

function compare(name, shown, expected) {
  if (!shown) {
    fail(name, 'nothing rendered');
    return;
  }
  const problems = [];
  if (shown.length !== expected.length) problems.push(`${shown.length} stories shown, ${expected.length} expected`);
  expected.forEach((story, i) => {
    if (!shown[i]) return;
    const problem = sameStory(shown[i], story);
    if (problem) problems.push(`story ${story.id}: ${problem}`);
  });
  check(name, problems.length === 0, problems.join('\n'));
}

async function openHostPage(browser, url, scheme, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, colorScheme: scheme, locale: 'nl-NL', javaScriptEnabled: true });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(30_000);
  await context.addInitScript(WATCH);
  const page = await context.newPage();
  const events = [];
  page.on('dialog', (d) => {
    events.push(`dialog (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chromium reports a CSP refusal on the console as an error ("Refused to ...").
    if (m.type() === 'error' || m.type() === 'warning' || /Content Security Policy|Refused to/i.test(m.text())) {
      events.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('requestfailed', (r) => events.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) events.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, events, response };
}

/** Waits until the widget rendered its stories (or its failure message). */
async function widgetReady(page) {
  await page.waitForFunction(
    () => {
      const host = document.querySelector('section[aria-label]');
      return Boolean(host && host.shadowRoot && host.shadowRoot.querySelector('.kanarie p.share, .kanarie > p'));
    },
    null,
    { timeout: 15_000 },
  );
  // The stylesheet in the shadow root: loaded before axe measures contrast.
  await page.waitForFunction(
    () => {
      const link = document.querySelector('section[aria-label]')?.shadowRoot?.querySelector('link[rel=stylesheet]');
      return Boolean(link && link.sheet);
    },
    null,
    { timeout: 15_000 },
  );
}

/** The host page at `url` (HOST/ or HOST/t/SLUG): nothing ran, everything shows as text. */
async function hostPage(browser, url, expected, scheme, { runAxe, screenshot }) {
  const label = `host ${new URL(url).pathname} ${scheme}`;
  console.log(`${label}:`);
  const { context, page, events, response } = await openHostPage(browser, url, scheme);
  try {
    expect(`${label}: answers 200`, response.status() === 200, `got ${response.status()}`);
    const csp = response.headers()['content-security-policy'] || '';
    expect(`${label}: is served under the strict CSP`, csp.includes("default-src 'none'") && csp.includes(`script-src ${BASE}`), csp);
    await widgetReady(page);
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(`${BASE}/embed`));
    expect(`${label}: the iframe loaded /embed`, Boolean(frame), page.frames().map((f) => f.url()).join(', '));
    await frame.waitForLoadState('load');
    // Give anything a payload might have scheduled (a timer, an onload, a focus) a moment.
    await page.waitForTimeout(500);

    const widget = await page.evaluate(STORIES_IN("document.querySelector('section[aria-label]').shadowRoot.querySelector('.kanarie')"));
    compare(`${label}: the widget shows every title and text literally`, widget, expected);
    const framed = await frame.evaluate(STORIES_IN('document.querySelector("main")'));
    compare(`${label}: the iframe shows every title and text literally`, framed, expected);

    for (const [where, target] of [
      ['page', page.mainFrame()],
      ['iframe', frame],
    ]) {
      const seen = await target.evaluate(INSPECT);
      check(`${label}: no payload ran in the ${where} (window.__xss ${seen.xss})`, seen.xss === 'undefined');
      check(`${label}: no CSP violation in the ${where}`, seen.csp.length === 0, seen.csp.join('\n'));
      check(`${label}: no element or attribute from a payload in the ${where}`, seen.bad.length === 0, [...new Set(seen.bad)].join(', '));
    }
    check(`${label}: no dialog, script error, console error or failed request`, events.length === 0, events.join('\n'));
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(`${label}: the widget is no wider than the page (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    if (runAxe) await axe(page, `${label} (widget in shadow DOM and iframe)`);
    if (screenshot) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `embed-host-${scheme}.png`), fullPage: true });
    }
  } catch (error) {
    fail(error.checkName || `${label}: unexpected error`, error.checkName ? error.message : error.stack || error);
    if (events.length) console.log(indent(events.join('\n')));
  } finally {
    await context.close();
  }
}

/** /embed on its own, as a visitor who opens the iframe's address would see it. */
async function embedAlone(browser, scheme) {
  const label = `/embed alone ${scheme}`;
  console.log(`${label}:`);
  const { context, page, events, response } = await openHostPage(browser, `${BASE}/embed?lang=nl&count=${COUNT}`, scheme, {
    width: 390,
    height: 844,
  });
  try {
    expect(`${label}: answers 200`, response.status() === 200, `got ${response.status()}`);
    const seen = await page.evaluate(INSPECT);
    check(`${label}: no payload ran (window.__xss ${seen.xss})`, seen.xss === 'undefined');
    check(`${label}: no CSP violation`, seen.csp.length === 0, seen.csp.join('\n'));
    check(`${label}: no dialog, script error, console error or failed request`, events.length === 0, events.join('\n'));
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(`${label}: no wider than a phone (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    await axe(page, label);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `embed-alone-phone-${scheme}.png`), fullPage: false });
  } catch (error) {
    fail(error.checkName || `${label}: unexpected error`, error.checkName ? error.message : error.stack || error);
  } finally {
    await context.close();
  }
}

const started = Date.now();
mkdirSync(SCREENSHOTS, { recursive: true });
const stories = await publishedStories();
const themes = (await getJson(`${BASE}/api/v1/themes`)).themes;
console.log(`${stories.length} published stories, ${themes.length} themes`);
if (stories.length === 0) {
  fail('there are published stories to render', 'the API lists none');
}
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
  for (const scheme of ['light', 'dark']) {
    await hostPage(browser, `${HOST}/`, stories.slice(0, COUNT), scheme, { runAxe: true, screenshot: true });
    await embedAlone(browser, scheme);
  }
  // Every story is shown on some page: the newest 20 above, the rest by theme.
  const shown = new Set(stories.slice(0, COUNT).map((s) => s.id));
  for (const theme of themes) {
    const inTheme = stories.filter((s) => s.themes.some((t) => t.slug === theme.slug));
    if (inTheme.length === 0) continue;
    await hostPage(browser, `${HOST}/t/${theme.slug}`, inTheme.slice(0, COUNT), 'light', { runAxe: false, screenshot: false });
    for (const s of inTheme.slice(0, COUNT)) shown.add(s.id);
  }
  const unseen = stories.filter((s) => !shown.has(s.id)).map((s) => s.id);
  check(`every published story was rendered on some host page (${shown.size} of ${stories.length})`, unseen.length === 0, unseen.join(', '));
} finally {
  await browser.close();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (needsReview.size > 0) {
  console.log(`axe-core asks for a human review of (not failures):\n${[...needsReview].map((x) => `  ${x}`).join('\n')}`);
}
if (failed > 0) console.log(`failed: ${failures.join('; ')}`);
console.log(`embed browser tests took ${seconds}s; screenshots in ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
