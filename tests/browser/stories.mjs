// Story pages, the list and iframes that fit, in a real browser.
//
//   node tests/browser/stories.mjs http://127.0.0.1:PORT http://127.0.0.1:HOSTPORT STORY_ID
//
// BASE is kanarie with published stories (tests/it/browser_stories.rs approves them; some
// long, with placeholders). HOST is another origin serving campaign pages under
//   default-src 'none'; script-src BASE; style-src BASE; frame-src BASE; img-src 'none'
// HOST/        kanarie's iframe snippet: /embed in an iframe and /static/embed-resize.js
// HOST/story   the html oEmbed hands out for STORY_ID, and the same script
// HOST/bare    the iframe without the script
//
// Checks, light and dark, phone and desktop:
// - with the script the iframe grows to its content (no scrolling inside it), and grows
//   again when a "read more" is opened; no CSP violation, console error or failed request;
// - without it the frame keeps its height, shows the first story whole and scrolls;
// - the story page and the list page (nl and en) pass axe-core with 0 violations, are no
//   wider than a phone, and run no script.
//
// Prints `browser: N passed, M failed` last and exits non-zero on any failure.

import {
  VIEWPORTS,
  axeInEveryFrame,
  axeWithScriptTag,
  check,
  expect,
  failFromError,
  finish,
  indent,
  isOrigin,
  launchChromium,
  newContext,
  originArg,
  pageWidths,
  press,
  reportAxe,
  screenshot,
  screenshotDir,
  onFailedRequest,
} from './lib.mjs';

const BASE = originArg(process.argv[2]);
const HOST = originArg(process.argv[3]);
const STORY = process.argv[4] || '';
if (!isOrigin(BASE) || !isOrigin(HOST) || !/^[a-z2-7]{24}$/.test(STORY)) {
  console.error('usage: node tests/browser/stories.mjs http://127.0.0.1:PORT http://127.0.0.1:HOSTPORT STORY_ID');
  process.exit(2);
}

/** Counts the CSP violations each document reports, before any of its scripts runs. */
const WATCH = `(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
  }, true);
})();`;

async function open(browser, url, { scheme, viewport, bypassCSP = false }) {
  const context = await newContext(browser, { ...viewport, colorScheme: scheme, locale: 'nl-NL', bypassCSP });
  await context.addInitScript(WATCH);
  const page = await context.newPage();
  const events = [];
  page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
  page.on('console', (m) => {
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

/** The iframe's box on the host page and its document's height, in CSS pixels. */
async function frameSizes(page, frame) {
  const box = await page.locator('iframe').first().boundingBox();
  const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const inner = await frame.evaluate(() => [document.documentElement.scrollHeight, window.innerHeight]);
  return { outer: Math.round(box.height), content, scrollHeight: inner[0], innerHeight: inner[1] };
}

/** Waits until the iframe is as tall as its content (the resize script did its work). */
async function fitted(page, frame) {
  const deadline = Date.now() + 10_000;
  let sizes;
  while (Date.now() < deadline) {
    sizes = await frameSizes(page, frame);
    if (Math.abs(sizes.outer - sizes.content) <= 2 && sizes.scrollHeight <= sizes.innerHeight + 1) return { ok: true, sizes };
    await page.waitForTimeout(100);
  }
  return { ok: false, sizes };
}

/** The iframe showing BASE+path; it loads lazily, so after the page's own load event. */
async function kanarieFrame(page, path) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(`${BASE}${path}`));
    if (frame || Date.now() > deadline) return frame;
    await page.waitForTimeout(100);
  }
}

async function cspClean(label, page, frame) {
  for (const [where, target] of [['page', page.mainFrame()], ['iframe', frame]]) {
    const csp = await target.evaluate(() => window.__csp || ['(watcher missing)']);
    check(`${label}: no CSP violation in the ${where}`, csp.length === 0, csp.join('\n'));
  }
}

/** HOST/ and HOST/story: the frame fits its content, and grows when "read more" opens. */
async function resizingFrame(browser, path, framePath, scheme, device) {
  const label = `host ${path} ${scheme} ${device}`;
  console.log(`${label}:`);
  const { context, page, events, response } = await open(browser, `${HOST}${path}`, { scheme, viewport: VIEWPORTS[device] });
  try {
    expect(`${label}: answers 200 under the strict CSP`, response.status() === 200 && (response.headers()['content-security-policy'] || '').includes("default-src 'none'"));
    const frame = await kanarieFrame(page, framePath);
    expect(`${label}: the iframe loaded ${framePath}`, Boolean(frame), page.frames().map((f) => f.url()).join(', '));
    await frame.waitForLoadState('load');
    let result = await fitted(page, frame);
    check(`${label}: the iframe is as tall as its content (${JSON.stringify(result.sizes)})`, result.ok);
    check(`${label}: it grew or shrank from the snippet's 640px`, result.sizes.outer !== 640, JSON.stringify(result.sizes));
    const summaries = frame.locator('details > summary');
    if ((await summaries.count()) > 0) {
      const before = result.sizes.outer;
      await press(summaries.first(), device === 'phone');
      await page.waitForTimeout(200);
      result = await fitted(page, frame);
      check(`${label}: opening "read more" makes the frame taller (${before} -> ${result.sizes.outer})`, result.ok && result.sizes.outer > before, JSON.stringify(result.sizes));
    }
    const last = await frame.evaluate(() => {
      const links = [...document.querySelectorAll('main p.more a')];
      return links.map((a) => a.href);
    });
    check(`${label}: the frame ends with a link to more stories`, last.some((href) => /\/(nl\/verhalen|en\/stories)$/.test(href)), last.join(', '));
    await cspClean(label, page, frame);
    check(`${label}: no script error, console error or failed request`, events.length === 0, events.join('\n'));
    const widths = await pageWidths(page);
    check(`${label}: no wider than the screen (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    if (device === 'phone') {
      reportAxe(`${label} (host page and iframe)`, await axeInEveryFrame(page, [BASE, HOST]), page.url());
    }
    await screenshot(page, SCREENSHOTS, `host${path.replace(/\//g, '-')}-${scheme}-${device}.png`, { fullPage: true });
  } catch (error) {
    failFromError(error, label);
    if (events.length) console.log(indent(events.join('\n')));
  } finally {
    await context.close();
  }
}

/** HOST/bare: no script, so the frame keeps its height, shows whole stories and scrolls. */
async function bareFrame(browser, scheme) {
  const label = `host /bare ${scheme}`;
  console.log(`${label}:`);
  const { context, page, events } = await open(browser, `${HOST}/bare`, { scheme, viewport: VIEWPORTS.desktop });
  try {
    const frame = await kanarieFrame(page, '/embed');
    expect(`${label}: the iframe loaded /embed`, Boolean(frame));
    await frame.waitForLoadState('load');
    await page.waitForTimeout(300);
    const sizes = await frameSizes(page, frame);
    check(`${label}: the frame keeps the snippet's height (${sizes.outer})`, Math.abs(sizes.outer - 640) <= 4, JSON.stringify(sizes));
    check(`${label}: the content is taller, so the frame scrolls`, sizes.scrollHeight > sizes.innerHeight, JSON.stringify(sizes));
    const firstBottom = await frame.evaluate(() => document.querySelector('article').getBoundingClientRect().bottom);
    check(`${label}: the first story shows whole (${Math.round(firstBottom)} <= ${sizes.innerHeight})`, firstBottom <= sizes.innerHeight);
    const overflow = await frame.evaluate(() => getComputedStyle(document.documentElement).overflowY + '/' + getComputedStyle(document.body).overflowY);
    check(`${label}: nothing hides the overflow (${overflow})`, !overflow.includes('hidden'));
    check(`${label}: no script error, console error or failed request`, events.length === 0, events.join('\n'));
  } catch (error) {
    failFromError(error, label);
  } finally {
    await context.close();
  }
}

/** A story page or list page of kanarie itself: accessible, phone-wide, without script. */
async function kanariePage(browser, path, scheme, device) {
  const label = `${path.replace(STORY, 'ID')} ${scheme} ${device}`;
  console.log(`${label}:`);
  // bypassCSP only so that axe-core can be added as a script; the page has none of its own.
  const { context, page, events, response } = await open(browser, `${BASE}${path}`, { scheme, viewport: VIEWPORTS[device], bypassCSP: true });
  try {
    expect(`${label}: answers 200`, response.status() === 200, `got ${response.status()}`);
    const scripts = await page.locator('script').count();
    check(`${label}: runs no script (${scripts})`, scripts === 0);
    const cookies = await context.cookies();
    check(`${label}: sets no cookie`, cookies.length === 0, JSON.stringify(cookies));
    const labels = page.locator('.placeholder-label');
    if ((await labels.count()) > 0) {
      const title = await labels.first().getAttribute('title');
      check(`${label}: placeholder labels explain themselves`, Boolean(title && title.length > 20), String(title));
    }
    check(`${label}: no console error or failed request`, events.length === 0, events.join('\n'));
    const widths = await pageWidths(page);
    check(`${label}: no wider than the screen (${widths.join(' <= ')})`, widths[0] <= widths[1]);
    reportAxe(label, await axeWithScriptTag(page), page.url());
    await screenshot(page, SCREENSHOTS, `${path.split('/').slice(1, 3).join('-')}${path.includes(STORY) ? '-story' : ''}-${scheme}-${device}.png`, { fullPage: false });
  } catch (error) {
    failFromError(error, label);
  } finally {
    await context.close();
  }
}

const started = Date.now();
const SCREENSHOTS = screenshotDir('stories');
const browser = await launchChromium();
try {
  for (const scheme of ['light', 'dark']) {
    for (const device of ['phone', 'desktop']) {
      await resizingFrame(browser, '/', '/embed', scheme, device);
      await resizingFrame(browser, '/story', `/embed/stories/${STORY}`, scheme, device);
      for (const path of [`/nl/verhalen/${STORY}`, `/en/stories/${STORY}`, '/nl/verhalen', '/en/stories']) {
        await kanariePage(browser, path, scheme, device);
      }
    }
    await bareFrame(browser, scheme);
  }
} finally {
  await browser.close();
}

finish({ started, title: 'story page and resizing embed browser tests', screenshots: SCREENSHOTS });
