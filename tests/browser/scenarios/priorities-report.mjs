// A facilitator goes from the evidence to a saved weight scenario and a
// printed report: signs in, reads the evidence per theme, follows the
// sub-navigation to the scenarios with the keyboard, sends the new-scenario
// form with no name and a weight that is not a number (the error summary
// takes focus and links to the fields, which carry their messages), fixes it
// and saves; reads the ranking and the sensitivity charts, puts the scenario
// in the report, opens the report, and prints it: in print media the forms
// and navigation are gone and every part starts a page, and the PDF Chromium
// prints has more than one page.
//
// Expects: tests/browser/priorities.rs seeds five active themes, all but
// "Landbruk og lokal mat" with published inputs whose tags a person set or
// confirmed, no saved scenario, and the facilitator
// prioritering@vefsn.kommune.no with the test password. If
// INNSPILL_SCREENSHOT_DIR is set, the report's screenshot and PDF go there.

import fs from 'node:fs';
import path from 'node:path';

const EMAIL = 'prioritering@vefsn.kommune.no';
const PASSWORD = 'et skikkelig langt passord';
const THEMES = [
  'Reiseliv og opplevelser',
  'Sjømat og havbruk',
  'Grønn industri',
  'Kompetanse og utdanning',
  'Landbruk og lokal mat',
];
const NAME = 'Innspill teller mest';

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage([{ name: 'lang', value: 'nb' }]);
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('E-post').fill(EMAIL);
  await page.getByLabel('Passord').fill(PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);

  // The evidence: one row per active theme.
  await page.goto(`${baseUrl}/admin/prioritering`);
  const evidence = page.locator('#evidence');
  assert.equal(await evidence.count(), 1, 'the evidence table');
  const evidenceText = await evidence.innerText();
  for (const theme of THEMES) assert.ok(evidenceText.includes(theme), `${theme} is in the evidence`);

  // The sub-navigation, by keyboard.
  const subnav = page.getByRole('navigation', { name: 'Prioritering', exact: true });
  const toScenarios = subnav.getByRole('link', { name: 'Vektscenarioer', exact: true });
  await toScenarios.focus();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, '/admin/prioritering/scenarier');
  assert.match(await page.locator('main').innerText(), /Ingen scenarioer er lagret ennå\./);

  // A mistake first: no name, and a weight that is not a number.
  const name = page.getByLabel('Navn på scenarioet');
  const inputs = page.getByLabel('Innspill', { exact: true });
  await name.fill('');
  await inputs.fill('mye');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), inputs.press('Enter')]);

  const summary = page.locator('.ds-error-summary');
  assert.equal(await summary.count(), 1, 'an error summary');
  assert.equal(await summary.getAttribute('role'), 'alert', 'the summary is announced');
  assert.equal(
    await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary')),
    true,
    'the summary has focus',
  );
  const summaryText = await summary.innerText();
  assert.match(summaryText, /Skriv et navn på scenarioet\./);
  assert.match(summaryText, /Skriv et tall fra 0 til 1000\./);
  assert.equal(await summary.locator('a[href="#name"]').count(), 1, 'the summary links to the name');
  assert.equal(await summary.locator('a[href="#inputs"]').count(), 1, 'the summary links to the weight');
  for (const [field, message] of [
    ['name', /Skriv et navn på scenarioet\./],
    ['inputs', /Skriv et tall fra 0 til 1000\./],
  ]) {
    const control = page.locator(`#${field}`);
    assert.equal(await control.getAttribute('aria-invalid'), 'true', `${field} is marked invalid`);
    assert.match(await control.getAttribute('aria-describedby'), new RegExp(`${field}-error`));
    assert.match(await page.locator(`#${field}-error`).innerText(), message);
  }
  assert.equal(await page.getByLabel('Innspill', { exact: true }).inputValue(), 'mye', 'the form comes back as sent');
  assert.equal(await page.locator('#scenarios').count(), 0, 'nothing was saved');

  // The summary's link leads to the field.
  await summary.locator('a[href="#name"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name', 'the link moves focus to the name');

  // Fixed and saved.
  await page.keyboard.type(NAME);
  await page.getByLabel('Innspill', { exact: true }).fill('10');
  await page.getByLabel('Ulike avsendere', { exact: true }).fill('5');
  await page.getByLabel('Antall innsatsområder', { exact: true }).fill('3');
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Lagre scenario', exact: true }).press('Enter'),
  ]);
  assert.match(new URL(page.url()).pathname, /^\/admin\/prioritering\/scenarier\/[0-9a-f-]{36}$/);
  const main = page.locator('main');
  assert.match(await main.innerText(), /Scenarioet er lagret\./);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Scenario: ${NAME}`);
  assert.match(await page.locator('#weights tr[data-criterion="inputs"]').innerText(), /\b10\b/);

  // The ranking: every theme in a place, the three best chosen.
  const rows = page.locator('#ranking tbody tr');
  assert.equal(await rows.count(), THEMES.length, 'every theme is ranked');
  const ranked = await rows.locator('th').evaluateAll((ths) => ths.map((th) => th.firstChild.textContent.trim()));
  assert.deepEqual([...ranked].sort(), [...THEMES].sort());
  assert.equal(await page.locator('#ranking tr[data-chosen="true"]').count(), 3, 'three chosen areas');
  assert.equal(ranked[0], 'Reiseliv og opplevelser', 'most inputs, most weight: first');
  assert.equal(ranked[4], 'Landbruk og lokal mat', 'no inputs: last');

  // The sensitivity charts, one bar per theme.
  for (const chart of ['Sannsynlighet for topp tre', 'Sannsynlighet for topp fire']) {
    const svg = page.getByRole('img', { name: chart, exact: true });
    assert.equal(await svg.count(), 1, `the chart ${chart}`);
    assert.equal(await svg.locator('g[data-label]').count(), THEMES.length);
  }
  assert.match(await page.locator('#sensitivity-settings').innerText(), /frø/);

  // Into the report.
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Bruk i rapporten', exact: true }).press('Enter'),
  ]);
  assert.match(await main.innerText(), /Scenarioet brukes nå i rapporten\./);
  assert.match(await main.innerText(), /Dette scenarioet brukes i rapporten\./);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Vis rapporten med dette scenarioet', exact: true }).press('Enter'),
  ]);
  assert.equal(new URL(page.url()).pathname, '/admin/prioritering/rapport');
  assert.equal(
    await page.getByRole('heading', { level: 1 }).innerText(),
    'Kunnskapsgrunnlag fra mobiliseringen',
  );
  assert.match(await main.innerText(), new RegExp(`Rangeringen bruker scenarioet «${NAME}»\\.`));
  const chosen = await page.locator('#chosen-areas li').allInnerTexts();
  assert.deepEqual(chosen, ranked.slice(0, 3), 'the report names the three best, in order');
  assert.equal(await page.locator('#scenario').inputValue(), new URL(page.url()).searchParams.get('scenario'));
  assert.equal(await page.getByRole('button', { name: 'Skriv ut', exact: true }).isVisible(), true, 'a print button');

  // Printed: the forms and navigation go; every part starts a page.
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['form', 'nav', 'button', '.admin-bar']) {
    const shown = await page.locator(selector).evaluateAll((els) => els.filter((e) => e.checkVisibility()).length);
    assert.equal(shown, 0, `no ${selector} is printed`);
  }
  const breaks = await page
    .locator('.page-break')
    .evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore));
  assert.ok(breaks.length >= 6, `every part is a page-break section (${breaks.length})`);
  assert.deepEqual([...new Set(breaks)], ['page'], 'each starts a new page');
  assert.equal(await page.getByRole('heading', { level: 1 }).isVisible(), true, 'the title is printed');

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const text = pdf.toString('latin1');
  assert.ok(text.startsWith('%PDF-'), 'a PDF');
  const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  assert.ok(pages > 1, `the printed report has more than one page (${pages})`);

  const dir = process.env.INNSPILL_SCREENSHOT_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'priorities-report.pdf'), pdf);
    await page.screenshot({ path: path.join(dir, 'priorities-report-print.png'), fullPage: true });
  }
}
