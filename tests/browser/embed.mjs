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
// Prints `browser: N passed, M failed` last and exits non-zero on any failure. The
// reporter, Chromium and the axe-core runner are in lib.mjs; screenshots go to
// target/browser-screenshots/embed/.

import {
  VIEWPORTS,
  axeInEveryFrame,
  check,
  expect,
  fail,
  failFromError,
  finish,
  indent,
  isOrigin,
  launchChromium,
  newContext,
  originArg,
  pageWidths,
  reportAxe,
  screenshot,
  screenshotDir,
  onFailedRequest,
} from './lib.mjs';

const BASE = originArg(process.argv[2]);
const HOST = originArg(process.argv[3]);
if (!isOrigin(BASE) || !isOrigin(HOST)) {
  console.error('usage: node tests/browser/embed.mjs http://127.0.0.1:PORT http://127.0.0.1:HOSTPORT');
  process.exit(2);
}
const COUNT = 20;

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

/**
 * axe-core on the page and every frame in it. The pages under test keep their CSP (no
 * bypassCSP: it is what is being tested), so axe-core is evaluated in every frame through
 * the DevTools protocol (see axeInEveryFrame in lib.mjs). It may talk to both origins: the
 * iframe is kanarie's, the page the campaign's.
 */
async function axe(page, label) {
  reportAxe(label, await axeInEveryFrame(page, [BASE, HOST]), page.url());
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

async function openHostPage(browser, url, scheme, viewport = VIEWPORTS.desktop.viewport) {
  const context = await newContext(browser, { viewport, colorScheme: scheme, locale: 'nl-NL', javaScriptEnabled: true });
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
  onFailedRequest(page, (problem) => events.push(problem));
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
async function hostPage(browser, url, expected, scheme, { runAxe, screenshot: takeScreenshot }) {
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
    const widths = await pageWidths(page);
    check(`${label}: the widget is no wider than the page (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    if (runAxe) await axe(page, `${label} (widget in shadow DOM and iframe)`);
    if (takeScreenshot) await screenshot(page, SCREENSHOTS, `embed-host-${scheme}.png`, { fullPage: true });
  } catch (error) {
    failFromError(error, label);
    if (events.length) console.log(indent(events.join('\n')));
  } finally {
    await context.close();
  }
}

/** /embed on its own, as a visitor who opens the iframe's address would see it. */
async function embedAlone(browser, scheme) {
  const label = `/embed alone ${scheme}`;
  console.log(`${label}:`);
  const { context, page, events, response } = await openHostPage(browser, `${BASE}/embed?lang=nl&count=${COUNT}`, scheme, VIEWPORTS.phone.viewport);
  try {
    expect(`${label}: answers 200`, response.status() === 200, `got ${response.status()}`);
    const seen = await page.evaluate(INSPECT);
    check(`${label}: no payload ran (window.__xss ${seen.xss})`, seen.xss === 'undefined');
    check(`${label}: no CSP violation`, seen.csp.length === 0, seen.csp.join('\n'));
    check(`${label}: no dialog, script error, console error or failed request`, events.length === 0, events.join('\n'));
    const widths = await pageWidths(page);
    check(`${label}: no wider than a phone (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    await axe(page, label);
    await screenshot(page, SCREENSHOTS, `embed-alone-phone-${scheme}.png`, { fullPage: false });
  } catch (error) {
    failFromError(error, label);
  } finally {
    await context.close();
  }
}

/** The statistics page: server-side SVG charts with tables, no script, readable on a phone. */
async function numbersPage(browser, path, scheme) {
  const label = `${path} ${scheme}`;
  console.log(`${label}:`);
  const { context, page, events, response } = await openHostPage(browser, `${BASE}${path}`, scheme, VIEWPORTS.phone.viewport);
  try {
    expect(`${label}: answers 200`, response.status() === 200, `got ${response.status()}`);
    const charts = await page.locator('svg[role="img"]').count();
    check(`${label}: draws charts (${charts})`, charts >= 7);
    const tables = await page.locator('table').count();
    check(`${label}: has the numbers as tables (${tables})`, tables >= 7);
    check(`${label}: no dialog, script error, console error or failed request`, events.length === 0, events.join('\n'));
    const widths = await pageWidths(page);
    check(`${label}: no wider than a phone (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    await axe(page, label);
    await screenshot(page, SCREENSHOTS, `numbers-${path.split('/')[1]}-${scheme}.png`, { fullPage: false });
  } catch (error) {
    failFromError(error, label);
  } finally {
    await context.close();
  }
}

const started = Date.now();
const SCREENSHOTS = screenshotDir('embed');
const stories = await publishedStories();
const themes = (await getJson(`${BASE}/api/v1/themes`)).themes;
console.log(`${stories.length} published stories, ${themes.length} themes`);
if (stories.length === 0) {
  fail('there are published stories to render', 'the API lists none');
}
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark']) {
    await hostPage(browser, `${HOST}/`, stories.slice(0, COUNT), scheme, { runAxe: true, screenshot: true });
    await embedAlone(browser, scheme);
    await numbersPage(browser, '/nl/cijfers', scheme);
    await numbersPage(browser, '/en/numbers', scheme);
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

finish({ started, title: 'embed browser tests', screenshots: SCREENSHOTS });
