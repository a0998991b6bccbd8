// What the real-browser scripts (questionnaire.mjs, moderation.mjs, embed.mjs) share: the
// pass/fail reporter and its summary line, Chromium, viewports, the axe-core runners,
// helpers that act as a person would, and where screenshots go.
//
// Each script runs in its own node process, so the counters below are per script.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
/** axe-core's file, for a script element (JavaScript on, CSP bypassed). */
export const AXE_PATH = require.resolve('axe-core');
/** axe-core's source, for evaluating it where a script element would not run. */
export const AXE_SOURCE = readFileSync(AXE_PATH, 'utf8');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.KANARIE_CHROMIUM || '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------
// Arguments.

/** `http://host:port` without trailing slashes; anything else is refused by `isOrigin`. */
export function originArg(value) {
  return (value || '').replace(/\/+$/, '');
}

export function isOrigin(value) {
  return /^https?:\/\/[^/]+$/.test(value);
}

// ---------------------------------------------------------------------------------------
// The reporter. Every check prints `  ok   NAME` or `  FAIL NAME` and its detail; the last
// line is `browser: N passed, M failed` (the Rust tests show it) and the exit code is
// non-zero on any failure.

let passed = 0;
let failed = 0;
const failures = [];
const needsReview = new Set();

export function pass(name) {
  passed += 1;
  console.log(`  ok   ${name}`);
}

export function fail(name, detail) {
  failed += 1;
  failures.push(name);
  console.log(`  FAIL ${name}\n${indent(String(detail))}`);
}

/** Indents a detail under its `  FAIL` line. */
export function indent(text) {
  return text
    .split('\n')
    .map((line) => `         ${line}`)
    .join('\n');
}

/** A check that does not stop the run. */
export function check(name, condition, detail = '') {
  if (condition) pass(name);
  else fail(name, detail || name);
}

/** An assertion: counts a pass, or throws so the rest of the run's steps are skipped. */
export function expect(name, condition, detail = '') {
  if (condition) {
    pass(name);
  } else {
    throw Object.assign(new Error(detail || name), { checkName: name });
  }
}

/**
 * What a run's `catch` reports: the failed `expect` by its own name and detail, anything
 * else as an unexpected error of the run with its stack.
 */
export function failFromError(error, label) {
  fail(error.checkName || `${label}: unexpected error`, error.checkName ? error.message : error.stack || error);
}

/**
 * The end of a script: axe-core's "needs review" list (not failures, listed once), the
 * names of the failed checks, the time taken, then the summary line; exits 1 on any
 * failure, else 0.
 */
export function finish({ started, title, screenshots }) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (needsReview.size > 0) {
    console.log(`axe-core asks for a human review of (not failures):\n${[...needsReview].map((x) => `  ${x}`).join('\n')}`);
  }
  if (failed > 0) console.log(`failed: ${failures.join('; ')}`);
  console.log(`${title} took ${seconds}s; screenshots in ${path.relative(process.cwd(), screenshots) || screenshots}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

// ---------------------------------------------------------------------------------------
// Chromium, contexts and viewports.

/** Debian's Chromium (no browser download), headless. */
export function launchChromium() {
  return chromium.launch({
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
}

/** A phone (touch, three device pixels per CSS pixel) and a desktop. */
export const VIEWPORTS = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
};

/**
 * A browser context whose steps and navigations give up after 60 s, not hang the run. A step
 * takes well under a second on a quiet machine; CI runs the rest of the test suite beside it
 * on two cores, so the limit is generous.
 */
export async function newContext(browser, options) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

// ---------------------------------------------------------------------------------------
// Acting as a person would.

/** Clicks as a person would: a tap on a touch screen, a mouse click on a desktop. */
export async function press(locator, touch) {
  if (touch) await locator.tap();
  else await locator.click();
}

/** Presses a submit button (or link) and waits for the page it leads to. */
export async function submit(page, locator, touch) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), press(locator, touch)]);
  return response;
}

/**
 * A failed request that is the browser's own doing, not the page's: Chromium fetches the
 * favicon after the page has loaded and cancels that fetch (net::ERR_ABORTED) when the test
 * navigates on first. Seen on a loaded CI machine.
 */
function isAbortedFavicon(request) {
  return request.failure()?.errorText === 'net::ERR_ABORTED' && new URL(request.url()).pathname.endsWith('/favicon.svg');
}

/**
 * Reports every failed request of a page as `request failed: URL ERROR`, except Chromium's
 * own cancelled favicon fetch and what `expected(request)` allows.
 */
export function onFailedRequest(page, report, expected = () => false) {
  page.on('requestfailed', (r) => {
    if (!isAbortedFavicon(r) && !expected(r)) report(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
}

/** The text a locator shows, white space collapsed. */
export async function visibleText(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * `[scrollWidth, innerWidth]` of the page: anything wider than the screen makes a phone
 * zoom the whole page out.
 */
export function pageWidths(page) {
  return page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
}

// ---------------------------------------------------------------------------------------
// Screenshots: target/browser-screenshots/SCRIPT/, one directory per script, so that a
// script clearing its own old screenshots does not wipe those of another running in
// parallel (the Rust tests run the three at once).

/** Empties (or makes) target/browser-screenshots/NAME/ and returns its path. */
export function screenshotDir(name) {
  const dir = path.resolve(HERE, '../../target/browser-screenshots', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A screenshot of the page into DIR/FILE (`options` as page.screenshot's). */
export async function screenshot(page, dir, file, options) {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, file), ...options });
}

/** The page as it was when a run failed, as DIR/FAILED-LABEL.png; never fails itself. */
export async function failureScreenshot(page, dir, label) {
  await page.screenshot({ path: path.join(dir, `FAILED-${label.replace(/ /g, '-')}.png`), fullPage: true }).catch(() => {});
}

// ---------------------------------------------------------------------------------------
// axe-core: WCAG 2.0/2.1 A and AA plus best practices. Violations fail (not thrown: the
// run goes on); "needs review" results do not, they are listed once at the end.

/**
 * The expression that runs axe-core in a document and returns its violations and
 * "needs review" results, briefly. `target` turns a node's axe target into text: joined
 * with spaces for a plain page, JSON for one with iframes and shadow roots, whose targets
 * are nested selector lists.
 */
function axeRunExpression(target) {
  return `(async () => {
  const r = await axe.run(document, {
    runOnly: { type: 'tag', values: ${JSON.stringify(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])} },
    resultTypes: ['violations', 'incomplete'],
  });
  const brief = (v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: ${target}, summary: n.failureSummary || '' })),
  });
  return { violations: r.violations.map(brief), incomplete: r.incomplete.map(brief) };
})()`;
}

const AXE_RUN = axeRunExpression("n.target.join(' ')");
const AXE_RUN_NESTED = axeRunExpression('JSON.stringify(n.target)');

/**
 * Reports what axe-core found as the check `axe LABEL`: "needs review" results are
 * collected (once each, with `where`, the page they were on), any violation is a failure
 * with every node and axe's summary of what is wrong with it.
 */
export function reportAxe(label, { violations, incomplete }, where) {
  for (const v of incomplete) {
    for (const n of v.nodes) needsReview.add(`${v.id} (${v.impact}) on ${where} ${n.target}: ${v.help}`);
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

/** JavaScript on: axe-core injected into the page as a script element. */
export async function axeWithScriptTag(page) {
  // kanarie's pages send `Content-Security-Policy: script-src 'self'`, which would block
  // this injected script: the browser context is made with `bypassCSP: true` for that
  // alone. kanarie's own pages use no script at all.
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
export async function axeInIsolatedWorld(page) {
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

/**
 * A page under a CSP that is itself under test (no bypassCSP), with iframes of other
 * origins: axe-core is not added as a script element (script-src would refuse it) but
 * evaluated through the DevTools protocol, which a CSP does not govern, in the main world
 * of every frame (not an isolated world: the copies must reach each other). axe.run in
 * the top frame then reaches into the iframes (it talks to the axe-core in each frame by
 * postMessage) and into open shadow roots.
 */
export async function axeInEveryFrame(page, origins) {
  for (const frame of page.frames()) {
    if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(AXE_SOURCE);
    // axe-core only talks to frames of its own origin unless told otherwise.
    await frame.evaluate((allowed) => window.axe.configure({ allowedOrigins: allowed }), origins);
  }
  return page.evaluate(AXE_RUN_NESTED);
}
