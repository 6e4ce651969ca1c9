// A business registers for an interview and books a time: the form on
// /intervju filled in (the organisation number typed with spaces, as people
// copy it from the register), the receipt's button to pick a time, a free
// slot picked on the private page, and the confirmation with that time.
//
// Expects: /intervju in Bokmål with the registration form (labels as in
// assets/locales/nb/interviews_public.toml, at least one theme to tick) and
// free slots offered (tests/browser/interviews_public.rs seeds them); the
// organisation number 923609016 is not registered by any seed (the staff
// pages seed the four well-known ones); the app accepts a
// form sent at once (the test server sets no minimum form time).

export default async function ({ baseUrl, newPage, assert }) {
  const page = await newPage([{ name: 'lang', value: 'nb' }]);
  await page.goto(`${baseUrl}/intervju`);
  assert.equal(
    (await page.getByRole('heading', { level: 1 }).textContent())?.trim(),
    'Intervju med bedrifter',
  );

  await page.getByLabel('Organisasjonsnummer').pressSequentially('923 609 016');
  await page.getByLabel('Bedriftens navn').fill('Nordlys Regnskap AS');
  await page.getByLabel('Bransje').selectOption('N');
  await page.locator('#employees').fill('6');
  await page.getByLabel('Navn', { exact: true }).fill('Åse Ødegård');
  await page.getByRole('textbox', { name: 'E-post' }).fill('ase@nordlys.example.no');
  await page.getByRole('textbox', { name: 'Telefon' }).fill('+47 912 34 567');
  await page.getByRole('group', { name: 'Hva vil dere gjerne snakke om?' }).getByRole('checkbox').first().check();
  await page.getByLabel('Er det noe vi bør vite før samtalen?').fill('Vi vil snakke om rekruttering, æøå.');
  await page.getByLabel('På rådhuset').check();
  await page.locator('#consent').check();
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Meld på bedriften' }).click(),
  ]);

  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  assert.match(heading ?? '', /Bedriften er registrert/, `receipt heading, got ${heading}`);
  assert.match(await page.locator('main').innerText(), /923 609 016/, 'the receipt names the number');
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('link', { name: 'Velg tid for intervjuet' }).click(),
  ]);
  assert.ok(new URL(page.url()).pathname.startsWith('/intervju/mine/'), `on the private page: ${page.url()}`);

  const times = page.getByRole('group', { name: 'Ledige tider' });
  const first = times.getByRole('radio').first();
  const id = await first.getAttribute('id');
  const label = (await page.locator(`label[for="${id}"]`).innerText()).trim();
  const hours = label.split(',')[0].trim();
  assert.match(hours, /^\d\d:\d\d–\d\d:\d\d$/, `a time on the label, got ${label}`);
  await first.check();
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.getByRole('button', { name: 'Bestill valgt tid' }).click(),
  ]);

  const main = await page.locator('main').innerText();
  assert.match(main, /Tiden er bestilt\./, `the booking is confirmed: ${main.slice(0, 400)}`);
  const booked = await page.locator('#booked-time').innerText();
  assert.ok(booked.includes(hours), `the booked time ${booked} is the one picked (${hours})`);
  assert.ok(await page.getByRole('button', { name: 'Avlys tiden' }).isVisible(), 'the time can be cancelled');
}
