// Real-browser end-to-end and accessibility tests of "Deel jouw verhaal".
//
//   node tests/browser/questionnaire.mjs http://127.0.0.1:PORT
//
// Drives Debian's headless Chromium (/usr/bin/chromium, no browser download) with
// playwright-core through the whole questionnaire as a parent would: fill in, preview,
// tick a word the preview asks about and type another to remove (the parent's check),
// open the form again from the short preview and change a text, send, keep the code (as
// a file, printed, after Reload and Back, in the other language), check the status (the
// story as stored), withdraw. For each language (nl, en) x
// viewport (phone, desktop) x JavaScript (off, on). axe-core checks every page it passes
// (WCAG 2.0/2.1 A and AA plus best practices), in a light and a dark colour scheme.
// The server must run with KANARIE_MIN_FILL_SECONDS=0 (the bot check would refuse a
// send this fast). tests/it/browser.rs starts one and runs this script.
//
// Prints `browser: N passed, M failed` last and exits non-zero on any failure. The
// reporter, Chromium and the axe-core runners are in lib.mjs; screenshots (phone only) go
// to target/browser-screenshots/questionnaire/.

import {
  VIEWPORTS,
  axeInIsolatedWorld,
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
  press,
  reportAxe,
  screenshot,
  screenshotDir,
  submit,
  visibleText,
  onFailedRequest,
} from './lib.mjs';

const BASE = originArg(process.argv[2]);
if (!isOrigin(BASE)) {
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
    storyLabel: 'Jouw verhaal',
    checkYourself: 'Een computer kan iets missen.',
    askLegend: 'Zijn dit namen, plaatsen of scholen? Vink aan wat weg moet.',
    askLegendNone: 'Staat er nog een naam, plaats of school in? Typ hem hieronder.',
    removeButton: 'Haal weg en bekijk opnieuw',
    changed: 'Je verhaal is veranderd sinds je het bekeek.',
    inReview: 'Je verhaal wordt nog bekeken. Er is nog niets gepubliceerd.',
    editButton: 'Pas je verhaal of antwoorden aan',
    consentLabel: {
      publish: 'Mijn verhaal anoniem publiceren en mijn antwoorden meetellen',
      count_only: 'Alleen mijn antwoorden meetellen, mijn verhaal niet publiceren',
    },
    whoReads: 'Een vrijwilliger van Oudervereniging Proef leest je verhaal voordat er iets gepubliceerd wordt. Dat duurt meestal een tot twee weken.',
    saveFile: 'Bewaar als bestand',
    switchTo: 'English',
    otherCode: '/en/story/code',
    statusLink: 'Je verhaal bekijken of weghalen',
    counter: '0 van de 10.000 tekens',
    progressStart: '0 van de 12 vragen beantwoord',
    progressDone: '12 van de 12 vragen beantwoord',
    withdrawn: 'Je verhaal en je antwoorden zijn verwijderd.',
    story:
      'Onze dochter Fenna Brouwersma zit sinds de herfstvakantie thuis. Op school werd ze gepest ' +
      'en niemand greep in. Bel me gerust op 06-12345678 of mail naar fenna.thuis@voorbeeldmail.nl. ' +
      'Elke ochtend buikpijn, elke avond huilen, ze zei dan blubbo tegen de kat. Alleen zwaantje uit haar klas kwam nog langs.',
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
    storyLabel: 'Your story',
    checkYourself: 'A computer can miss something.',
    askLegend: 'Are these names, places or schools? Tick what should go.',
    askLegendNone: 'Is there still a name, place or school in it? Type it below.',
    removeButton: 'Remove and preview again',
    changed: 'Your story has changed since you previewed it.',
    inReview: 'Your story is still being reviewed. Nothing has been published yet.',
    editButton: 'Change your story or answers',
    consentLabel: {
      publish: 'Publish my story anonymously and count my answers',
      count_only: 'Only count my answers, do not publish my story',
    },
    whoReads: 'A volunteer of Oudervereniging Proef reads your story before anything is published. That usually takes one to two weeks.',
    saveFile: 'Save as a file',
    switchTo: 'Nederlands',
    otherCode: '/nl/verhaal/code',
    statusLink: 'See or remove your story',
    counter: '0 of 10,000 characters',
    progressStart: '0 of 12 questions answered',
    progressDone: '12 of 12 questions answered',
    withdrawn: 'Your story and your answers have been deleted.',
    story:
      'Our daughter Fenna Brouwersma has been at home since the autumn holiday. She was bullied at ' +
      'school and nobody stepped in. Call me on 06-12345678 or e-mail fenna.thuis@voorbeeldmail.nl. ' +
      'Every morning a stomach ache, every evening tears, and she said blubbo to the cat. Only zwaantje from her class still came round.',
    change: 'A steady mentor who really listens, and a quiet place to start.',
    childWords: 'I do want to learn, just not there.',
  },
};
const PHONE = '06-12345678';

/** The whole of a download's stream, as text. */
async function readStream(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
const EMAIL = 'fenna.thuis@voorbeeldmail.nl';
const CHILD_NAME = 'Brouwersma';
// An invented lowercase nickname no word list knows: the parent types it to remove it.
// "blubbo" (a made-up word no list knows) is what the check asks about; "zwaantje" is the
// nickname the parent types because nothing asks about it.
const NICKNAME = 'zwaantje';

/** True when `text` contains `word` as a whole word, in any case. */
function hasWord(text, word) {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}
const CODE_RE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/;

// The answers a parent picks, by the option ids the form gives them. "situation" and
// "reasons" take several; "unsaid" ("zeg ik liever niet") is chosen once on purpose.
const ANSWERS = [
  'q-writer-parent',
  'q-age_band-12_15',
  'q-registration-dont_know',
  'q-school_type-secondary',
  'q-time_at_home-3_6_months',
  'q-started-this_school_year',
  'q-situation-home_without_education',
  'q-situation-waiting_special_education',
  'q-education_hours-none',
  'q-reasons-bullying',
  'q-reasons-overstimulation',
  'q-measures-threatened',
  'q-helped-nothing_yet',
  'q-province-unsaid',
];

/** axe-core on the page as it is now; any violation is a failure (not thrown: the run goes on). */
async function axe(page, label, js) {
  // JavaScript off: a script element would not run, so axe-core runs in an isolated world.
  const result = js ? await axeWithScriptTag(page) : await axeInIsolatedWorld(page);
  reportAxe(label, result, new URL(page.url()).pathname);
}

async function run(browser, lang, viewportName, js, scheme, consent) {
  const t = LANG[lang];
  const touch = viewportName === 'phone';
  const label = `${lang} ${viewportName} js-${js ? 'on' : 'off'} ${scheme}`;
  console.log(`${label}:`);
  const context = await newContext(browser, {
    ...VIEWPORTS[viewportName],
    javaScriptEnabled: js,
    colorScheme: scheme,
    locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
    // bypassCSP only where axe-core is injected as a script (JavaScript on, see
    // axeWithScriptTag). With JavaScript off the pages run under their own CSP, so
    // anything it blocks (an inline style, say) shows up as a console error below.
    bypassCSP: js,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every error status it loads; the expected 422 is checked below.
    if (m.type() === 'error' && !/status of 40?[29]/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  // A download (the code as a file) ends its navigation as "aborted": that is how
  // Chromium reports every download, not a failure.
  onFailedRequest(
    page,
    (problem) => problems.push(problem),
    (r) =>
      r.failure()?.errorText === 'net::ERR_ABORTED' &&
      /\/(verhaal\/code\/bewaren|story\/code\/save)$/.test(new URL(r.url()).pathname),
  );
  page.on('response', (r) => {
    // 422 is the form coming back with its problems, 409 the new preview after a change
    // below the preview (both checked below); every other error status is a bug.
    if (r.status() >= 400 && r.status() !== 422 && r.status() !== 409) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const shot = async (name) => {
    if (!touch) return;
    await screenshot(page, SCREENSHOTS, `${lang}-${viewportName}-${scheme}-${name}.png`, { fullPage: true, scale: 'css' });
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
    // Character counters and progress come from static/questionnaire.js: only with JavaScript.
    expect(
      `${label}: character counter and progress only with JavaScript`,
      js
        ? (await visibleText(page.locator('#counter-story'))) === t.counter &&
            (await visibleText(page.locator('#form-progress-text'))) === t.progressStart
        : !(await page.locator('#counter-story').isVisible()) && !(await page.locator('#form-progress').isVisible()),
      js ? `${await page.locator('#counter-story').innerText()} / ${await page.locator('#form-progress-text').innerText()}` : '',
    );
    await axe(page, `${label}: questionnaire`, js);

    // 2. Everything but the story, then "Bekijk je verhaal": the story is required.
    await page.locator('#field-change').fill(t.change);
    await page.locator('#field-child_words').fill(t.childWords);
    for (const id of ANSWERS) await press(page.locator(`label[for="${id}"]`), touch);
    await press(page.locator(`label[for="consent-${consent}"]`), touch);
    if (js) {
      expect(
        `${label}: progress counts the answered questions`,
        (await visibleText(page.locator('#form-progress-text'))) === t.progressDone,
        await page.locator('#form-progress-text').innerText(),
      );
    }
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
      (await summaryLinks.count()) === 1 && (await summaryLinks.first().getAttribute('href')) === '#field-story' &&
        (await visibleText(summaryLinks.first())).startsWith(`${t.storyLabel}: ${t.storyRequired}`),
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
    // Waits for the jump, however slow a loaded machine is; the expect below says if it never came.
    await page.waitForURL(/#field-story$/, { timeout: 10_000 }).catch(() => {});
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
      (await visibleText(preview.locator('.lead'))).length > 10 && (await preview.locator('dl.answers dt').count()) === 13,
    );
    expect(
      `${label}: the preview is short: the consent choice is in the summary, the questionnaire is not repeated`,
      (await visibleText(preview.locator('dl.answers dd').last())) === t.consentLabel[consent] &&
        (await page.locator('fieldset.question').count()) === 0 &&
        (await page.locator('textarea:visible').count()) === 0 &&
        (await page.getByRole('button', { name: t.editButton, exact: true }).count()) === 1,
    );
    await axe(page, `${label}: preview`, js);
    await shot('preview');

    // 3b. The parent's check: tick the first word asked about, type a word the anonymiser
    // kept, press "Haal weg en bekijk opnieuw". Both go from every text.
    const parentCheck = preview.locator('fieldset#parent-check');
    expect(
      `${label}: the preview asks the parent to check it themselves`,
      (await parentCheck.count()) === 1 && (await visibleText(preview.locator('.check-yourself'))).startsWith(t.checkYourself),
    );
    const boxes = parentCheck.locator('input[type=checkbox][name=remove]');
    const offered = await boxes.count();
    const legend = await visibleText(parentCheck.locator('legend'));
    expect(
      `${label}: at most 12 words asked about, under the right question`,
      offered <= 12 && legend === (offered > 0 ? t.askLegend : t.askLegendNone),
      `offered ${offered}, legend ${legend}`,
    );
    let ticked = null;
    if (offered > 0) {
      if (touch) phoneRunsWithWordsToTick.add(js ? 'js-on' : 'js-off');
      ticked = await boxes.first().getAttribute('value');
      await press(parentCheck.locator(`label[for="${await boxes.first().getAttribute('id')}"]`), touch);
      expect(`${label}: ticking a word's label ticks it`, await boxes.first().isChecked());
    } else {
      console.log('  note no words asked about on this preview');
    }
    if (!hasWord(previewText, NICKNAME)) console.log(`  note the anonymiser already removed "${NICKNAME}"`);
    await press(parentCheck.locator('label[for="field-remove_more"]'), touch);
    await page.keyboard.type(NICKNAME);
    response = await submit(page, parentCheck.getByRole('button', { name: t.removeButton, exact: true }), touch);
    expect(`${label}: the preview with the parent's words removed answers 200`, response.status() === 200, `got ${response.status()}`);
    const checkedTexts = (await preview.locator('p.preview-text').allInnerTexts()).join('\n');
    expect(
      `${label}: the typed and the ticked word are gone from every text`,
      !hasWord(checkedTexts, NICKNAME) && (ticked === null || !hasWord(checkedTexts, ticked)),
      `ticked ${JSON.stringify(ticked)}: ${checkedTexts}`,
    );
    const stillTicked = [];
    for (let i = 0; i < (await boxes.count()); i += 1) {
      if (await boxes.nth(i).isChecked()) stillTicked.push(await boxes.nth(i).getAttribute('value'));
    }
    expect(
      `${label}: the ticked word stays listed, ticked, and the typed word stays in its field`,
      JSON.stringify(stillTicked) === JSON.stringify(ticked === null ? [] : [ticked]) &&
        (await parentCheck.locator('#field-remove_more').inputValue()) === NICKNAME,
      `ticked: ${JSON.stringify(stillTicked)}`,
    );
    await axe(page, `${label}: preview with questions`, js);
    await shot('parent-check');

    // 3c. "Pas aan": the questionnaire again, filled in; change a text, preview again.
    response = await submit(page, preview.getByRole('button', { name: t.editButton, exact: true }), touch);
    expect(`${label}: "change" opens the form again (200)`, response.status() === 200, `got ${response.status()}`);
    expect(
      `${label}: the form is filled in as it was left`,
      (await page.locator('#field-story').inputValue()) === t.story &&
        (await page.locator('#field-change').inputValue()) === t.change &&
        (await Promise.all(ANSWERS.map((id) => page.locator(`#${id}`).isChecked()))).every(Boolean) &&
        (await page.locator(`#consent-${consent}`).isChecked()),
    );
    const changed = `${t.change} Nu echt.`;
    await page.locator('#field-change').fill(changed);
    response = await submit(page, page.getByRole('button', { name: t.previewButton, exact: true }), touch);
    expect(`${label}: the changed story gets a new preview`, response.status() === 200, `got ${response.status()}`);
    expect(
      `${label}: the new preview shows the change and still removes the parent's words`,
      (await page.locator('p.code').count()) === 0 &&
        (await preview.locator('p.preview-text').allInnerTexts()).some((text) => text.includes('Nu echt.')) &&
        !hasWord((await preview.locator('p.preview-text').allInnerTexts()).join('\n'), NICKNAME),
    );
    await axe(page, `${label}: new preview after a change`, js);

    // 4. Send; the thank-you page shows the withdrawal code, who reads the story and when.
    response = await submit(page, preview.getByRole('button', { name: t.sendButton, exact: true }), touch);
    expect(`${label}: send answers 200`, response.status() === 200, `got ${response.status()}`);
    const codeLocator = page.locator('p.code');
    const readCode = async () => ((await codeLocator.count()) === 1 ? (await codeLocator.innerText()).trim() : '');
    const code = await readCode();
    expect(`${label}: thank-you page shows a withdrawal code`, CODE_RE.test(code), `code: ${JSON.stringify(code)}`);
    expect(
      `${label}: thank-you page names who reads the story and how long review takes`,
      (await visibleText(page.locator('.who-reads'))) === t.whoReads,
      await visibleText(page.locator('.who-reads')),
    );
    expect(
      `${label}: the print button is there only with JavaScript`,
      (await page.locator('#print-page').isVisible()) === js,
    );
    await axe(page, `${label}: thank-you`, js);
    await shot('thanks');

    // 4b. "Bewaar als bestand": the code as a text/plain attachment.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      press(page.getByRole('button', { name: t.saveFile, exact: true }), touch),
    ]);
    const saved = await readStream(await download.createReadStream());
    expect(
      `${label}: "save as file" gives a text file with the code`,
      download.suggestedFilename() === 'kanarie-code.txt' && saved.includes(code) && saved.includes(t.status),
      `${download.suggestedFilename()}: ${saved}`,
    );

    // 4c. The print layout: the code and the status address, no menus or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(
      `${label}: the print layout shows the code and the status address, no buttons or language switch`,
      (await codeLocator.isVisible()) &&
        (await page.locator('.print-only').isVisible()) &&
        (await visibleText(page.locator('.print-only'))).includes(t.status) &&
        !(await page.locator('.site-header nav').isVisible()) &&
        !(await page.getByRole('button', { name: t.saveFile, exact: true }).isVisible()),
    );
    await page.emulateMedia({ media: 'screen' });

    // 4d. Reload sends the same form again: stored once, the same code shown again.
    response = await page.reload();
    expect(
      `${label}: Reload shows the same code again`,
      response.status() === 200 && (await readCode()) === code,
      `got ${response.status()}, code ${JSON.stringify(await readCode())}`,
    );
    expect(`${label}: the code is in no URL`, !page.url().toUpperCase().includes(code.replace(/-/g, '').slice(0, 8)), page.url());

    // 4e. The language switch keeps the code (and back again).
    await submit(page, page.locator('.site-header').getByRole('button', { name: t.switchTo, exact: true }), touch);
    expect(
      `${label}: switching language keeps the code`,
      new URL(page.url()).pathname === t.otherCode && (await readCode()) === code,
      `${page.url()}: ${await readCode()}`,
    );
    await axe(page, `${label}: thank-you in the other language`, js);
    await page.goBack();
    expect(`${label}: Back after switching language shows the code again`, (await readCode()) === code, await readCode());

    // 5. Status: the thank-you page's button posts the code; the story as stored, its status.
    await submit(page, page.getByRole('button', { name: t.statusLink, exact: true }), touch);
    expect(`${label}: status page opened`, new URL(page.url()).pathname === t.status, page.url());
    let statusText = await visibleText(page.locator('[role=status]'));
    expect(`${label}: status says the story is being reviewed`, statusText === t.inReview, `got: ${statusText}`);
    expect(
      `${label}: status shows the story as stored`,
      (await page.locator('p.preview-text').allInnerTexts()).some((text) => text.includes('Nu echt.')),
    );
    await axe(page, `${label}: status (found)`, js);

    // 5b. Back from the status page: the thank-you page and its code, with no "resend?".
    response = await page.goBack();
    expect(
      `${label}: Back shows the thank-you page with the code`,
      (await readCode()) === code,
      `code ${JSON.stringify(await readCode())} at ${page.url()}`,
    );

    // 5c. The status page asked for the code: typed as a person would (lower case is fine).
    await page.goto(BASE + t.status);
    await axe(page, `${label}: status (ask)`, js);
    await press(page.locator('label[for="code"]'), touch);
    await page.keyboard.type(code.toLowerCase());
    response = await submit(page, page.getByRole('button', { name: t.checkButton, exact: true }), touch);
    // A new story waits for a moderator, whichever consent was given.
    statusText = await visibleText(page.locator('[role=status]'));
    expect(`${label}: the typed code finds the story too`, statusText === t.inReview, `got: ${statusText}`);

    // 6. Withdraw: tick the box, press the button.
    await press(page.locator('label[for="confirm"]'), touch);
    expect(`${label}: ticking the label checks the confirm box`, await page.locator('#confirm').isChecked());
    response = await submit(page, page.getByRole('button', { name: t.withdrawButton, exact: true }), touch);
    const done = await visibleText(page.locator('[role=status]'));
    expect(`${label}: the story is withdrawn`, response.status() === 200 && done === t.withdrawn, `got ${response.status()}: ${done}`);
    await axe(page, `${label}: status (withdrawn)`, js);

    expect(`${label}: no script errors, failed requests or error responses`, problems.length === 0, problems.join('\n'));
  } catch (error) {
    failFromError(error, label);
    await failureScreenshot(page, SCREENSHOTS, label);
  } finally {
    await context.close();
  }
}

// Which phone runs (JavaScript on/off) had words to tick, so axe-core saw the checkboxes.
const phoneRunsWithWordsToTick = new Set();
const started = Date.now();
const SCREENSHOTS = screenshotDir('questionnaire');
const browser = await launchChromium();
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
// check, not expect: a failure here must still reach finish() and its summary line.
check(
  "the parent's check had words to tick on a phone with JavaScript off and on (change the stories if the anonymiser stops asking about any of their words)",
  phoneRunsWithWordsToTick.has('js-off') && phoneRunsWithWordsToTick.has('js-on'),
  JSON.stringify([...phoneRunsWithWordsToTick]),
);

finish({ started, title: 'browser tests', screenshots: SCREENSHOTS });
