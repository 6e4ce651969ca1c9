// A resident answers the resident survey on a phone with the keyboard
// alone: from the list of open surveys to the first page, a page sent
// without the required answer (the error summary takes focus and names the
// question), the answer chosen with Space, on through three pages with a
// progress indicator, a scale moved with the arrow keys, a text typed, the
// themes rated and ranked, and the thanks. Back at the survey, the same
// browser is told it has answered. No mouse clicks, no taps.
//
// Expects: tests/browser/surveys.rs publishes the resident template (its
// questions in bokmål as in src/surveys/service/templates.rs) and the demo
// themes are active; the app accepts a form sent at once.

const PHONE = { width: 390, height: 844 };

export default async function ({ browser, baseUrl, assert }) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await context.addCookies([{ name: 'lang', value: 'nb', url: baseUrl }]);
  const page = await context.newPage();
  try {
    await run(page, baseUrl, assert);
  } finally {
    await context.close();
  }
}

async function run(page, baseUrl, assert) {
  await page.goto(`${baseUrl}/undersokelser`);
  await tabTo(page, (el) => el.tag === 'A' && el.name === 'Innbyggerundersøkelse', assert);
  await go(page, 'Enter');
  const main = page.locator('main');
  assert.match(await main.innerText(), /Side 1 av 3/);
  const surveyUrl = page.url();

  // Sent without the required answer: the summary has focus and says what to fix.
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'Neste side', assert);
  await go(page, 'Enter');
  assert.match(await main.innerText(), /Side 1 av 3/);
  const summary = page.locator('.ds-error-summary');
  assert.match(await summary.innerText(), /Svar på dette spørsmålet\./);
  assert.equal(
    await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary')),
    true,
    'the error summary has focus',
  );

  // Choose "Innbygger" with Space, the age with arrow keys, then on.
  await tabTo(page, (el) => el.type === 'radio' && el.name === 'Innbygger', assert);
  await page.keyboard.press('Space');
  assert.equal(await page.getByLabel('Innbygger', { exact: true }).isChecked(), true);
  await tabTo(page, (el) => el.type === 'radio' && el.name === 'Under 20 år', assert);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('30–44 år').isChecked(), true, 'arrows move the choice');
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'Neste side', assert);
  await go(page, 'Enter');
  assert.match(await main.innerText(), /Side 2 av 3/);
  assert.equal(await page.locator('progress').getAttribute('value'), '2');

  // A scale: the first point, then three steps right to 4.
  await tabTo(page, (el) => el.type === 'radio' && el.name.startsWith('1 – Svært misfornøyd'), assert);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  assert.equal(
    await page.locator('input[type=radio]:checked').first().getAttribute('value'),
    '4',
  );
  await tabTo(page, (el) => el.tag === 'TEXTAREA' && el.name.startsWith('Hva er det beste'), assert);
  await page.keyboard.type('Fjorden, fjellene og folka.');

  // Back one page and forward again: the answers stay.
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'Forrige side', assert);
  await go(page, 'Enter');
  assert.equal(await page.getByLabel('30–44 år').isChecked(), true, 'kept on the way back');
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'Neste side', assert);
  await go(page, 'Enter');
  assert.equal(
    await page.getByLabel('Hva er det beste med å bo her?').inputValue(),
    'Fjorden, fjellene og folka.',
  );
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'Neste side', assert);
  await go(page, 'Enter');
  assert.match(await main.innerText(), /Side 3 av 3/);

  // Rate the first theme 5, rank one theme first.
  await tabTo(page, (el) => el.type === 'radio' && el.name.startsWith('1 – Ikke viktig'), assert);
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  assert.equal(
    await page.evaluate(() => document.activeElement.labels[0].textContent.trim()),
    '5 – Svært viktig',
  );
  await tabTo(page, (el) => el.tag === 'SELECT', assert);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.value), '1', 'ranked first');
  await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'Send svarene', assert);
  await go(page, 'Enter');
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Takk for svarene!/);

  // The same browser cannot answer twice.
  await page.goto(surveyUrl);
  assert.match(await main.innerText(), /allerede svart/);
}

/// Presses Tab until the focused element matches, and fails if it never does.
async function tabTo(page, matches, assert, max = 120) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a) return null;
      const label = a.labels?.[0]?.textContent ?? a.getAttribute('aria-label') ?? a.textContent;
      return { tag: a.tagName, type: a.type ?? '', name: (label ?? '').trim() };
    });
    if (el && matches(el)) return;
  }
  assert.fail(`Tab never reached the element after ${max} presses`);
}

async function go(page, key) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}
