// Language switching through the language switcher nav, and keyboard access
// to the skip link.
//
// Expects: "/" without a language cookie is served in Bokmål (<html lang="nb">);
// a <nav> holds links named "Bokmål", "Nynorsk" and "English" that lead to
// the same content in that language; the first Tab stop on a page is a skip
// link (<a href="#...">) to the main content.

const WAIT_MS = 15_000;

// Waits (up to `waitMs`) until <html lang> is `expected`, riding out
// navigations in between.
async function expectLang(page, expected, what, waitMs = WAIT_MS) {
  const deadline = Date.now() + waitMs;
  let last;
  do {
    try {
      last = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      if (last === expected) {
        await page.waitForLoadState('load');
        return;
      }
    } catch {
      // "Execution context was destroyed": a navigation is under way.
    }
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  throw new Error(
    `${what}: expected <html lang="${expected}">, got ${last == null ? 'no lang attribute' : `lang="${last}"`} (at ${page.url()})`,
  );
}

// The <nav> that holds the language links, and the link named `name` in it.
function languageLink(page, name) {
  const switcher = page
    .getByRole('navigation')
    .filter({ has: page.getByRole('link', { name: 'English', exact: true }) })
    .filter({ has: page.getByRole('link', { name: 'Nynorsk', exact: true }) });
  return switcher.getByRole('link', { name, exact: true });
}

async function switchTo(page, name, lang) {
  const link = languageLink(page, name);
  const count = await link.count();
  if (count !== 1) {
    throw new Error(
      `on ${page.url()}: expected one link named "${name}" in the language switcher nav, found ${count}`,
    );
  }
  await link.click();
  await expectLang(page, lang, `after clicking "${name}"`);
}

export default async function ({ baseUrl, newPage, assert }) {
  // 1. Switching language: nb -> en -> nn -> nb.
  const page = await newPage();
  await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
  await expectLang(page, 'nb', 'first visit to /', 0);
  await switchTo(page, 'English', 'en');
  await switchTo(page, 'Nynorsk', 'nn');
  await switchTo(page, 'Bokmål', 'nb');

  // 2. Keyboard: the first Tab stop is the skip link, and Enter on it moves
  //    to the main content.
  const kb = await newPage();
  await kb.goto(`${baseUrl}/`, { waitUntil: 'load' });
  await kb.keyboard.press('Tab');
  const focused = await kb.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? null,
      href: el?.getAttribute('href') ?? null,
      text: el?.textContent.trim() ?? '',
    };
  });
  assert.ok(
    focused.tag === 'a' && focused.href?.startsWith('#') && focused.href.length > 1,
    `first Tab should focus the skip link (<a href="#...">), focused <${focused.tag}> href=${JSON.stringify(focused.href)} text=${JSON.stringify(focused.text)}`,
  );
  const targetId = decodeURIComponent(focused.href.slice(1));
  const target = await kb.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const main = 'main, [role="main"]';
    return { tag: el.tagName.toLowerCase(), isMain: el.matches(main) || !!el.closest(main) || !!el.querySelector(main) };
  }, targetId);
  assert.ok(target, `skip link points to #${targetId}, but no element has that id`);
  assert.ok(target.isMain, `skip link target #${targetId} (<${target.tag}>) is not the main content`);

  await kb.keyboard.press('Enter');
  const deadline = Date.now() + WAIT_MS;
  let hash = '';
  while (Date.now() < deadline) {
    hash = await kb.evaluate(() => decodeURIComponent(location.hash));
    if (hash === `#${targetId}`) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(hash, `#${targetId}`, `Enter on the skip link should set the URL hash to #${targetId}`);

  // Focus moved to the target itself (it has tabindex="-1"), or at least the
  // focus navigation starting point did: the next Tab stop is inside or after it.
  const onTarget = await kb.evaluate((id) => document.activeElement?.id === id, targetId);
  if (!onTarget) {
    await kb.keyboard.press('Tab');
    const after = await kb.evaluate((id) => {
      const t = document.getElementById(id);
      const a = document.activeElement;
      if (!a || a === document.body) return { ok: false, what: 'nothing (body)' };
      const following = t.contains(a) || !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
      return { ok: following, what: `<${a.tagName.toLowerCase()}> ${a.textContent.trim().slice(0, 40)}` };
    }, targetId);
    assert.ok(
      after.ok,
      `after Enter on the skip link, focus should move to #${targetId}; the next Tab went to ${after.what} instead`,
    );
  }
}
