// A resident shares an idea from a phone-sized browser, finding every field
// by its label, first sending it incomplete (the error summary takes focus
// and links the fields) and then complete (the receipt with a private link).
//
// Expects: /ideer/ny in Bokmål with fields labelled "Tittel" and
// "Beskriv ideen", a radio "Innbygger", and a button "Send ideen"; the app
// must accept a form sent at once (the test server sets no minimum form time).

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseUrl}/ideer/ny`);

  // Incomplete: the summary gets focus and links the title field.
  await page.getByLabel('Tittel').fill('Kort');
  await page.getByRole('button', { name: 'Send ideen' }).click();
  await page.waitForLoadState('load');
  const summary = page.locator('.ds-error-summary');
  assert.ok(await summary.isVisible(), 'error summary shown');
  const focused = await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary'));
  assert.ok(focused, 'focus moves to the error summary');
  await summary.getByRole('link').first().click();
  const active = await page.evaluate(() => document.activeElement?.id);
  assert.equal(active, 'title', 'the summary link leads to the field');
  assert.equal(await page.getByLabel('Tittel').inputValue(), 'Kort', 'input kept');

  // Complete, by label only.
  await page.getByLabel('Tittel').fill('Bussforbindelse til flyplassen');
  await page
    .getByLabel('Beskriv ideen')
    .fill('En fast bussforbindelse til flyplassen vil gjøre det lettere for bedrifter å få besøk.');
  await page.getByLabel('Innbygger').check();
  await page.getByLabel('Hvor').fill('Sentrum');
  await page.getByRole('button', { name: 'Send ideen' }).click();
  await page.waitForLoadState('load');

  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  assert.match(heading ?? '', /mottatt/, `receipt heading, got ${heading}`);
  const link = page.locator('#private-link');
  const href = await link.getAttribute('href');
  assert.ok(href && href.includes('/ideer/mine/'), `private link on the receipt, got ${href}`);

  // The private link shows the idea and offers to edit it.
  await page.goto(href);
  assert.equal(await page.getByLabel('Tittel').inputValue(), 'Bussforbindelse til flyplassen');
  assert.ok(await page.getByRole('button', { name: 'Trekk tilbake ideen' }).isVisible(), 'withdraw offered');
}
