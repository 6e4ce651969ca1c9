// A facilitator working in nynorsk empties a question's text in the survey
// builder and saves: the page comes back with the error summary focused,
// its link leading to the field, and the message at the field, which is
// marked invalid and described by it. Nothing was saved.
//
// Expects: tests/browser/surveys_builder.rs seeds the business template as a
// draft (first part "Om bedriften") and the facilitator
// undersokelser@vefsn.kommune.no with the test password.

const EMAIL = 'undersokelser@vefsn.kommune.no';
const PASSWORD = 'et skikkelig langt passord';

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage([{ name: 'lang', value: 'nn' }]);
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('E-post').fill(EMAIL);
  await page.getByLabel('Passord').fill(PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);

  await page.goto(`${baseUrl}/admin/undersokelser`);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    // The newest first: the draft seeded here, after the published one
    // tests/browser/surveys.rs seeds under the same title.
    page.getByRole('link', { name: 'Næringslivsundersøkelse' }).first().click(),
  ]);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: /^Endre spørsmålet/ }).first().click(),
  ]);
  const prompt = page.locator('#prompt');
  const before = await prompt.inputValue();
  assert.ok(before.length > 0, 'the question has a text to begin with');
  await prompt.fill('');
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Lagre spørsmålet' }).click(),
  ]);

  const summary = page.locator('.ds-error-summary');
  assert.equal(await summary.count(), 1, 'an error summary');
  assert.equal(
    await page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary')),
    true,
    'the summary has focus',
  );
  assert.match(await summary.innerText(), /Skriv spørsmålet\./);
  assert.equal(await summary.locator('a[href="#prompt"]').count(), 1, 'the summary links to the field');
  assert.equal(await prompt.getAttribute('aria-invalid'), 'true');
  assert.match(await prompt.getAttribute('aria-describedby'), /prompt-error/);
  assert.match(await page.locator('#prompt-error').innerText(), /Skriv spørsmålet\./);

  // Nothing was saved: the editor opened afresh still has the old text.
  await page.goto(page.url(), { waitUntil: 'load' });
  assert.equal(await page.locator('#prompt').inputValue(), before);
}
