// A visitor opens an idea from the list, supports it, sees the count go up
// and the button turn into "Fjern støtten", then takes the support back.
//
// Expects: /ideer in Bokmål lists published ideas as links inside articles,
// and an idea page has a "Støtt" button in the support box.

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage();
  await page.goto(`${baseUrl}/ideer`);
  await page.locator('main article h2 a').first().click();
  await page.waitForLoadState('load');
  const box = page.locator('main');

  const before = await supporters(box);
  await page.getByRole('button', { name: 'Støtt', exact: true }).click();
  await page.waitForLoadState('load');
  assert.equal(
    await supporters(box),
    before + 1,
    `one more supporter after Støtt; the page said: ${(await box.innerText()).slice(0, 900)}`,
  );
  assert.ok(
    await page.getByRole('button', { name: 'Fjern støtten' }).isVisible(),
    'the button now takes the support back',
  );

  await page.getByRole('button', { name: 'Fjern støtten' }).click();
  await page.waitForLoadState('load');
  assert.equal(await supporters(box), before, 'back to where it was');
}

// The number in the "N personer støtter ideen" line (0 for "Ingen ...").
async function supporters(box) {
  const text = await box.innerText();
  const match = text.match(/(\d+)\s+person(?:er)?\s+støtter/u);
  return match ? Number(match[1]) : 0;
}
