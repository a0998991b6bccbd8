// The numbers page and the chart embeds in Chromium (run by tests/it/browser_stats.rs):
//
// - /nl/cijfers and /en/numbers on a phone and a desktop, light and dark: the headline
//   comes first, each table shows one form (the chart; its table behind a disclosure that
//   opens without script), nothing is wider than the screen; axe-core with every
//   disclosure closed and open.
// - /embed/stats/TABLE, light and dark (by parameter and by the reader's setting), alone
//   and framed by another page: the chart draws, bars differ from the background; axe.
//
// Usage: node stats.mjs BASE TABLE

import { createServer } from 'node:http';

import {
  axeWithScriptTag,
  check,
  expect,
  fail,
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
  VIEWPORTS,
  onFailedRequest,
} from './lib.mjs';

const base = originArg(process.argv[2]);
const table = process.argv[3] || '';
if (!isOrigin(base) || !/^[a-z_]+$/.test(table)) {
  console.error('usage: node stats.mjs BASE TABLE');
  process.exit(2);
}

const started = Date.now();
const shots = screenshotDir('stats');
const browser = await launchChromium();

async function numbersPage(lang, path, viewportName, scheme) {
  const label = `${lang} ${viewportName} ${scheme}`;
  const viewport = VIEWPORTS[viewportName];
  const context = await newContext(browser, { ...viewport, colorScheme: scheme, bypassCSP: true, javaScriptEnabled: true });
  const page = await context.newPage();
  try {
    const response = await page.goto(`${base}${path}`);
    expect(`${label}: numbers page 200`, response.status() === 200, `status ${response.status()}`);
    const headline = page.locator('.stats-headline');
    expect(`${label}: headline shown`, await headline.isVisible());
    const headlineBox = await headline.boundingBox();
    const firstChart = page.locator('svg.stats-chart').first();
    const chartBox = await firstChart.boundingBox();
    check(`${label}: the headline comes before the first chart`, headlineBox && chartBox && headlineBox.y < chartBox.y);

    const sections = page.locator('section.stats-section');
    const count = await sections.count();
    expect(`${label}: a section per table`, count > 0, 'no sections');
    let oneForm = true;
    for (let i = 0; i < count; i += 1) {
      const section = sections.nth(i);
      if ((await section.locator('svg.stats-chart').count()) === 0) continue;
      const chartShown = await section.locator('svg.stats-chart').isVisible();
      const tableShown = await section.locator('table.stats-table').isVisible();
      if (!chartShown || tableShown) oneForm = false;
    }
    check(`${label}: each table shows one form (chart shown, table behind a disclosure)`, oneForm);
    const [scrollWidth, innerWidth] = await pageWidths(page);
    check(`${label}: nothing wider than the screen`, scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
    reportAxe(`${label} numbers page, disclosures closed`, await axeWithScriptTag(page), path);
    await screenshot(page, shots, `numbers-${lang}-${viewportName}-${scheme}.png`, { fullPage: viewportName === 'phone' });

    // The table opens as a person would open it, without any script of the page's own.
    const section = page.locator(`section#stats-${table}`);
    await press(section.locator('details.stats-details summary').first(), viewportName === 'phone');
    const grid = section.locator('table.stats-table');
    check(`${label}: the disclosure opens the table`, await grid.isVisible());
    const rows = await grid.locator('tbody tr').count();
    check(`${label}: the table lists every answer`, rows > 1, `${rows} rows`);
    const csv = section.locator(`a[href="/api/v1/stats.csv?table=${table}"]`);
    check(`${label}: a CSV link for the table`, await csv.isVisible());
    // Every disclosure open, for axe.
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    const [wideOpen, screenOpen] = await pageWidths(page);
    check(`${label}: open disclosures fit the screen`, wideOpen <= screenOpen, `${wideOpen} > ${screenOpen}`);
    reportAxe(`${label} numbers page, disclosures open`, await axeWithScriptTag(page), path);
    await screenshot(page, shots, `numbers-${lang}-${viewportName}-${scheme}-open.png`, { fullPage: false });
  } catch (error) {
    failFromError(error, label);
    await failureScreenshot(page, shots, label);
  } finally {
    await context.close();
  }
}

async function chartEmbed(schemeParam, readerScheme, viewportName) {
  const label = `embed ${viewportName} scheme=${schemeParam || 'auto'} reader=${readerScheme}`;
  const context = await newContext(browser, { ...VIEWPORTS[viewportName], colorScheme: readerScheme, bypassCSP: true, javaScriptEnabled: true });
  const page = await context.newPage();
  try {
    const query = schemeParam ? `?lang=nl&scheme=${schemeParam}` : '?lang=nl';
    const response = await page.goto(`${base}/embed/stats/${table}${query}`);
    expect(`${label}: 200`, response.status() === 200, `status ${response.status()}`);
    expect(`${label}: the chart draws`, await page.locator('svg.stats-chart').isVisible());
    const colours = await page.evaluate(() => {
      const bar = document.querySelector('.stats-bar');
      return {
        bar: bar ? getComputedStyle(bar).fill : null,
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      };
    });
    const dark = (schemeParam || readerScheme) === 'dark';
    check(`${label}: bars stand out from the background`, colours.bar && colours.bar !== colours.background, JSON.stringify(colours));
    check(`${label}: ${dark ? 'dark' : 'light'} background`, dark === (colours.background === 'rgb(27, 27, 25)'), JSON.stringify(colours));
    const [scrollWidth, innerWidth] = await pageWidths(page);
    check(`${label}: nothing wider than the frame`, scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
    reportAxe(label, await axeWithScriptTag(page), `/embed/stats/${table}${query}`);
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    reportAxe(`${label}, table open`, await axeWithScriptTag(page), `/embed/stats/${table}${query}`);
    await screenshot(page, shots, `embed-${viewportName}-${schemeParam || 'auto'}-${readerScheme}.png`, { fullPage: true });
  } catch (error) {
    failFromError(error, label);
    await failureScreenshot(page, shots, label);
  } finally {
    await context.close();
  }
}

/**
 * The embed framed by a campaign page of another origin: a small server of this script on
 * another loopback port (a page the browser made up itself would count as a public
 * address framing a local one, which Chromium's local-network checks refuse).
 */
async function framedEmbed() {
  const label = 'embed framed by another page';
  let hostPage = '';
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(hostPage);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `http://127.0.0.1:${server.address().port}`;
  const context = await newContext(browser, { ...VIEWPORTS.desktop, colorScheme: 'light' });
  const page = await context.newPage();
  const notes = [];
  onFailedRequest(page, (problem) => notes.push(problem));
  const setContent = async (html) => {
    hostPage = html;
    await page.goto(`${host}/campagne`);
  };
  try {
    await setContent(`<!DOCTYPE html><html lang="nl"><title>Campagne</title><main><h1>Campagne</h1>
      <iframe src="${base}/embed/stats/${table}?lang=nl" title="Cijfers" width="600" height="600"></iframe></main></html>`);
    const frame = page.frameLocator('iframe');
    await frame.locator('svg.stats-chart').waitFor({ state: 'visible' });
    pass(`${label}: the chart shows inside the frame`);
    await setContent(`<!DOCTYPE html><html lang="nl"><title>Campagne</title><main>
      <iframe src="${base}/embed/stats/schoenmaat?lang=nl" title="Cijfers" width="600" height="300"></iframe></main></html>`);
    const link = page.frameLocator('iframe').locator('a[href$="/nl/cijfers"]');
    await link.waitFor({ state: 'visible' });
    pass(`${label}: an unknown table shows a framed note with a link to all numbers`);
    await screenshot(page, shots, 'embed-framed-missing.png', { fullPage: false });
  } catch (error) {
    fail(`${label}: browser notes`, notes.join('\n') || '(none)');
    failFromError(error, label);
    await failureScreenshot(page, shots, label);
  } finally {
    await context.close();
    server.close();
  }
}

function pass(name) {
  check(name, true);
}

try {
  for (const [lang, path] of [['nl', '/nl/cijfers'], ['en', '/en/numbers']]) {
    for (const viewportName of ['phone', 'desktop']) {
      for (const scheme of ['light', 'dark']) {
        // English on one viewport and scheme pair is enough beside the full Dutch set.
        if (lang === 'en' && !(viewportName === 'phone' && scheme === 'dark')) continue;
        await numbersPage(lang, path, viewportName, scheme);
      }
    }
  }
  for (const viewportName of ['phone', 'desktop']) {
    await chartEmbed('light', 'dark', viewportName);
    await chartEmbed('dark', 'light', viewportName);
  }
  await chartEmbed('', 'dark', 'phone');
  await framedEmbed();
} finally {
  await browser.close();
}
finish({ started, title: 'stats.mjs', screenshots: shots });
