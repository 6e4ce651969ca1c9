// A resident signs up for an event on a phone with the keyboard alone:
// first the form sent empty (the error summary takes focus and its links
// lead to the fields), then filled in; the receipt shows the private link,
// which opens the sign-up, where the resident cancels it.
//
// Expects: /arrangementer in Bokmål lists "Innspillsmøte om næringslivet"
// (published, seats free, asking for organisation, diet and accessibility),
// whose page has the sign-up form with the fields name, email,
// organisation, group (first option "Innbygger") and consent, and a button
// "Meld meg på"; the app accepts a form sent at once (the test server sets
// no minimum form time).

const TITLE = 'Innspillsmøte om næringslivet';

// Presses Tab until the focused element passes `test` (run in the page with
// the element), as a keyboard user moves through the form; fails after `max`.
async function tabTo(page, what, test, arg, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test, arg)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const hasId = (id) => document.activeElement?.id === id;
const isButton = (name) =>
  document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === name;
const isLink = (id) => document.activeElement?.tagName === 'A' && document.activeElement.id === id;

// Presses Enter on what has focus and waits for the page it leads to.
async function enterAndWait(page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseUrl}/arrangementer`);
  await page.getByRole('link', { name: TITLE }).focus();
  await enterAndWait(page);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent())?.trim(), TITLE);

  // Sent empty: the summary takes focus and links every field to fix.
  await page.getByRole('button', { name: 'Meld meg på' }).focus();
  await enterAndWait(page);
  const summary = page.locator('.ds-error-summary');
  assert.ok(await summary.isVisible(), 'error summary shown');
  assert.ok(
    await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary')),
    'focus moves to the error summary',
  );
  const targets = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const target of ['#name', '#email', '#group', '#consent']) {
    assert.ok(targets.includes(target), `the summary links ${target}: ${targets}`);
  }
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('href')),
    '#name',
    'Tab from the summary reaches its first link',
  );
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name', 'the link leads to the field');

  // Filled in with the keyboard alone, from the name field on.
  await page.keyboard.type('Kari Nordmann');
  await tabTo(page, 'the email field', hasId, 'email');
  await page.keyboard.type('kari.nordmann@example.no');
  await tabTo(page, 'the organisation field', hasId, 'organisation');
  await page.keyboard.type('Fjordfisk AS');
  await tabTo(page, 'the first group', hasId, 'group');
  await page.keyboard.press('Space');
  assert.ok(await page.getByLabel('Innbygger').isChecked(), 'Space picks the group');
  await tabTo(page, 'the diet field', hasId, 'diet');
  await page.keyboard.type('Vegetar, æøå');
  await tabTo(page, 'the consent box', hasId, 'consent');
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#consent').isChecked(), 'Space ticks the consent');
  await tabTo(page, 'the sign-up button', isButton, 'Meld meg på');
  await enterAndWait(page);

  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  assert.match(heading ?? '', /Du er påmeldt/, `receipt heading, got ${heading}`);
  const link = page.locator('#private-link');
  const href = await link.getAttribute('href');
  assert.ok(href && href.includes('/arrangementer/mine/'), `private link on the receipt, got ${href}`);

  // The private link, followed by keyboard, shows the sign-up and cancels it.
  await tabTo(page, 'the private link', isLink, 'private-link');
  await enterAndWait(page);
  assert.ok(new URL(page.url()).pathname.startsWith('/arrangementer/mine/'), `on the private page: ${page.url()}`);
  assert.match(await page.locator('main').innerText(), /Påmeldt/, 'the status is shown');
  await tabTo(page, 'the cancel button', isButton, 'Meld meg av');
  await enterAndWait(page);
  const main = await page.locator('main').innerText();
  assert.match(main, /Du er meldt av\./, `the cancellation is confirmed: ${main.slice(0, 400)}`);
  assert.match(main, /Avmeldt/, 'the status says cancelled');
  assert.equal(await page.getByRole('button', { name: 'Meld meg av' }).count(), 0, 'nothing left to cancel');
}
