// A facilitator triages suggested themes with the keyboard only: signs in
// (typing and Enter), opens the survey answers in triage, moves with j,
// confirms the first suggestion with 1, removes the next with x, confirms
// all of the next input with a, then adds a theme with t, Tab and Enter.
// After each step the page says what happened and focus is on the input to
// go on with. No mouse clicks.
//
// Expects: tests/browser/triage.rs seeds four survey answers (the only
// ones): "Flere hytter ..." (reiseliv 82 %, attraktivitet 41 %), "Ny kai
// ..." (sjomat 90 %, landbruk 55 %), "Kurs for gründere ..." (grunder,
// kompetanse) and one with no tag (shown apart, not in this queue), and the facilitator
// temamerking@vefsn.kommune.no with the test password.

const EMAIL = 'temamerking@vefsn.kommune.no';
const PASSWORD = 'et skikkelig langt passord';

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage([{ name: 'lang', value: 'nb' }]);
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('E-post').fill(EMAIL);
  await page.getByLabel('Passord').fill(PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);

  await page.goto(`${baseUrl}/admin/temamerking?kanal=survey`);
  const main = page.locator('main');
  assert.match(await main.innerText(), /3 innspill venter/);

  // The shortcut list is offered, and ? opens it.
  await page.keyboard.press('?');
  assert.equal(await page.locator('#triage-keys').evaluate((d) => d.open), true, '? opens the list');
  assert.match(await page.locator('#triage-keys').innerText(), /Neste eller forrige innspill/);
  await page.keyboard.press('Escape');

  // Shortcuts stay quiet while typing in a field.
  await page.locator('#min').focus();
  await page.keyboard.press('j');
  assert.equal(await focusedId(page), 'min', 'j typed into the field moves nothing');

  await page.locator('#min').blur();
  await page.keyboard.press('j');
  assert.match(await focusedHeading(page), /^Flere hytter/, 'j focuses the first input');

  // 1: confirm the best suggestion; the input still has one, so focus stays on it.
  await act(page, '1');
  assert.match(await main.innerText(), /Forslaget er bekreftet\./);
  assert.match(await focusedHeading(page), /^Flere hytter/, 'back on the same input');
  const first = page.locator('article[data-triage="item"]').first();
  assert.match(await first.innerText(), /Tema satt av folk:\s*Reiseliv/);
  assert.equal(await first.locator('[data-triage="suggestion"]').count(), 1);

  // x: remove its last suggestion; it leaves the queue and focus moves on.
  await act(page, 'x');
  assert.match(await main.innerText(), /Forslaget er fjernet\./);
  assert.match(await main.innerText(), /2 innspill venter/);
  assert.match(await focusedHeading(page), /^Ny kai/, 'on to the next input');

  // a: confirm all of this input's suggestions.
  await act(page, 'a');
  assert.match(await main.innerText(), /2 forslag er bekreftet\./);
  assert.match(await main.innerText(), /1 innspill venter/);
  assert.match(await focusedHeading(page), /^Kurs for gründere/);

  // t, Tab, Enter: add the first theme offered as the facilitator's own.
  await page.keyboard.press('t');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SELECT');
  const added = await page.evaluate(() => document.activeElement.selectedOptions[0].textContent.trim());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), 'Legg til');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  assert.match(await main.innerText(), /Temaet er lagt til\./);
  const third = page.locator('article[data-triage="item"]').first();
  assert.match(await focusedHeading(page), /^Kurs for gründere/, 'still waiting: focus stays');
  assert.ok((await third.innerText()).includes(added), `${added} is now among the people's tags`);
  assert.equal(await third.locator('[data-triage="suggestion"]').count(), 2);
}

async function act(page, key) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

async function focusedHeading(page) {
  return page.evaluate(() => {
    const item = document.activeElement?.closest('[data-triage="item"]');
    return item ? item.querySelector('h3').textContent.trim() : `(focus on ${document.activeElement?.tagName})`;
  });
}
