#!/usr/bin/env node
// Accessibility and HTML-validity checks for the innspill web app.
//
//   node tests/browser/check.mjs /path/to/spec.json
//
// Normally driven by `cargo test --features browser-tests --test browser`
// (tests/browser/main.rs), which starts the app and writes the spec. See
// README.md beside this file for the spec format and how to add pages and
// scenarios.
//
// Exit code: 0 when every check passed, 1 when a check failed, 2 when the
// run itself could not be done (bad spec, missing dependency, browser would
// not start, ...), 3 when the overall time limit was hit.

import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Everything is resolved relative to this file, never the working directory.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const NAV_TIMEOUT_MS = 15_000;
const AXE_TIMEOUT_MS = 60_000;
const SCENARIO_TIMEOUT_MS = 120_000;
const VNU_TIMEOUT_MS = 180_000;
const DEFAULT_OVERALL_TIMEOUT_S = 600;
const MAX_NODES_SHOWN = 10;

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MOBILE_VIEWPORT = { width: 390, height: 844 };

let passed = 0;
let failed = 0;
let browser = null;

class FatalError extends Error {}

function ok(label, detail) {
  passed += 1;
  console.log(`ok   ${label}${detail ? `: ${detail}` : ''}`);
}

function fail(label, detail, problems = []) {
  failed += 1;
  console.log(`FAIL ${label}${detail ? `: ${detail}` : ''}`);
  for (const p of problems) console.log(indent(p, '     '));
}

function indent(text, prefix) {
  return String(text)
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function summaryLine() {
  return `${passed} passed, ${failed} failed`;
}

function secs(startMs) {
  return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- spec

async function readSpec(specPath) {
  if (!specPath) throw new FatalError('usage: node tests/browser/check.mjs /path/to/spec.json');
  let spec;
  try {
    spec = JSON.parse(await fs.readFile(specPath, 'utf8'));
  } catch (e) {
    throw new FatalError(`cannot read spec ${specPath}: ${e.message}`);
  }
  const problems = [];
  if (typeof spec.base_url !== 'string' || !/^https?:\/\//.test(spec.base_url)) {
    problems.push('"base_url" must be an http(s) URL string');
  }
  if (spec.screenshot_dir != null && typeof spec.screenshot_dir !== 'string') {
    problems.push('"screenshot_dir" must be null or a string');
  }
  const pages = spec.pages ?? [];
  const scenarios = spec.scenarios ?? [];
  if (!Array.isArray(pages)) problems.push('"pages" must be an array');
  if (!Array.isArray(scenarios)) problems.push('"scenarios" must be an array');
  const names = new Set();
  for (const [i, p] of (Array.isArray(pages) ? pages : []).entries()) {
    if (typeof p?.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p.name)) {
      problems.push(`pages[${i}].name must be a file-name-safe string ([A-Za-z0-9._-])`);
    } else if (names.has(p.name)) {
      problems.push(`pages[${i}].name "${p.name}" is used twice`);
    } else {
      names.add(p.name);
    }
    if (typeof p?.path !== 'string' || !p.path.startsWith('/')) {
      problems.push(`pages[${i}].path must be a string starting with "/"`);
    }
    for (const [j, c] of (p?.cookies ?? []).entries()) {
      if (typeof c?.name !== 'string' || typeof c?.value !== 'string') {
        problems.push(`pages[${i}].cookies[${j}] must be {"name": string, "value": string}`);
      }
    }
    if (p?.expect_status != null && !Number.isInteger(p.expect_status)) {
      problems.push(`pages[${i}].expect_status must be an integer`);
    }
  }
  for (const [i, s] of (Array.isArray(scenarios) ? scenarios : []).entries()) {
    if (typeof s !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(s)) {
      problems.push(`scenarios[${i}] must be a scenario module name ([A-Za-z0-9_-])`);
    }
  }
  if (problems.length === 0 && pages.length === 0 && scenarios.length === 0) {
    problems.push('the spec lists no pages and no scenarios: nothing to check');
  }
  if (problems.length) {
    throw new FatalError(`invalid spec ${specPath}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const overall = Number(
    process.env.BROWSER_CHECK_TIMEOUT_SECS ?? spec.timeout_secs ?? DEFAULT_OVERALL_TIMEOUT_S,
  );
  return {
    baseUrl: spec.base_url.replace(/\/+$/, ''),
    screenshotDir: spec.screenshot_dir ?? null,
    pages,
    scenarios,
    overallTimeoutS: Number.isFinite(overall) && overall > 0 ? overall : DEFAULT_OVERALL_TIMEOUT_S,
  };
}

// ---------------------------------------------------------------- deps

async function loadDeps() {
  const missing = 'run `npm ci --prefix tests/browser` first';
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new FatalError(`cannot load playwright-core (${e.message}); ${missing}`);
  }
  let axeSource;
  try {
    const axeDir = path.dirname(require.resolve('axe-core'));
    axeSource = await fs.readFile(path.join(axeDir, 'axe.min.js'), 'utf8');
  } catch (e) {
    throw new FatalError(`cannot read axe-core's axe.min.js (${e.message}); ${missing}`);
  }
  let vnuJar;
  try {
    // vnu-jar's main module exports the jar's absolute path (as a String object).
    vnuJar = String(require('vnu-jar'));
  } catch (e) {
    throw new FatalError(`cannot load vnu-jar (${e.message}); ${missing}`);
  }
  if (!existsSync(vnuJar)) throw new FatalError(`vnu.jar not found at ${vnuJar}; ${missing}`);
  return { chromium, axeSource, vnuJar };
}

function chromiumPath() {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new FatalError(
      `Chromium not found at ${p} (install Debian's chromium package, or set CHROMIUM_PATH)`,
    );
  }
  return p;
}

function javaPath() {
  if (process.env.JAVA_HOME) {
    const p = path.join(process.env.JAVA_HOME, 'bin', 'java');
    if (existsSync(p)) return p;
  }
  return 'java';
}

// ---------------------------------------------------------------- browser helpers

// Chromium asks for /favicon.ico on its own, some time after `load`, so
// whether its 404 is seen before the page is closed is down to timing. It is
// left out so that results do not depend on that race; an icon the page
// itself links to (<link rel="icon">, not at /favicon.ico) is still checked.
function isImplicitFavicon(url) {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

// Collects console errors, uncaught page errors and failed sub-resource
// loads of a page into `problems`. With `navigations`, a failed or 4xx/5xx
// load of the page itself counts too (checkPage checks that status itself).
function watchPage(page, problems, label = '', { navigations = false } = {}) {
  const tag = label ? `[${label}] ` : '';
  const isPageLoad = (req) => req.isNavigationRequest() && req.frame() === page.mainFrame();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    if (loc?.url && isImplicitFavicon(loc.url)) return;
    // Chromium's "Failed to load resource: ... status of 404" duplicates what
    // the response/requestfailed handlers below report (with method and URL),
    // and for the page itself it would repeat the status check.
    if (msg.text().startsWith('Failed to load resource:')) return;
    const where = loc?.url ? ` (${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
    problems.push(`${tag}console error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => {
    problems.push(`${tag}page error: ${err.message}`);
  });
  page.on('requestfailed', (req) => {
    if (isImplicitFavicon(req.url())) return;
    if (isPageLoad(req) && !navigations) return;
    const why = req.failure()?.errorText ?? 'unknown error';
    // Requests cut off by a navigation the test itself started are not faults.
    if (why === 'net::ERR_ABORTED') return;
    problems.push(`${tag}request failed: ${req.method()} ${req.url()}: ${why}`);
  });
  page.on('response', (resp) => {
    const req = resp.request();
    if (isPageLoad(req) && !navigations) return;
    if (isImplicitFavicon(resp.url())) return;
    // A form sent back for correction answers 422 by design (the page shows
    // what to fix); that is the behaviour under test, not a fault.
    if (resp.status() === 422 && req.method() === 'POST' && req.resourceType() === 'document') return;
    if (resp.status() >= 400) {
      problems.push(`${tag}HTTP ${resp.status()} for ${req.method()} ${resp.url()}`);
    }
  });
}

async function newContext(baseUrl, cookies = [], options = {}) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(NAV_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
  if (cookies.length) {
    await context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, url: baseUrl })));
  }
  return context;
}

async function runAxe(page, axeSource) {
  // Injected through the DevTools protocol rather than a <script> tag, so the
  // app's Content-Security-Policy (no inline script) does not get in the way.
  await withTimeout(page.evaluate(axeSource), AXE_TIMEOUT_MS, 'injecting axe-core');
  return withTimeout(
    page.evaluate(
      (tags) =>
        window.axe
          .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((r) => ({
            violations: r.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              helpUrl: v.helpUrl,
              nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
            })),
          })),
      AXE_TAGS,
    ),
    AXE_TIMEOUT_MS,
    'axe.run',
  );
}

// Every class an element carries must be one that a stylesheet rule names:
// a class left over from an old stylesheet, or a typo, styles nothing and
// means a page mixes looks. Rules inside @layer, @media and @supports count.
async function unstyledClasses(page) {
  return page.evaluate(() => {
    const known = new Set();
    const visit = (rules) => {
      for (const rule of rules) {
        if (rule.selectorText) {
          for (const m of rule.selectorText.matchAll(/\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)/g)) known.add(m[1]);
        }
        if (rule.cssRules) visit(rule.cssRules);
      }
    };
    for (const sheet of document.styleSheets) visit(sheet.cssRules);
    const missing = new Set();
    for (const el of document.querySelectorAll('[class]')) {
      for (const name of el.classList) if (!known.has(name)) missing.add(name);
    }
    return [...missing].sort();
  });
}

// Tabs through the page and reports controls whose keyboard focus cannot be
// seen: no outline, no box shadow and no change in background or border.
// The change may be on the control's parent: Designsystemet draws the focus
// ring of a checkbox or radio around its field (`.ds-field`), input and label
// together, and a skip link shows focus by appearing.
async function invisibleFocus(page, limit = 60) {
  const found = [];
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.__focusLook = (el) => {
      const s = getComputedStyle(el);
      return [
        s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow,
        s.backgroundColor, s.borderColor, s.borderWidth, s.clip, s.clipPath,
      ].join('|');
    };
    // Elements already reached; a second visit means Tab has gone round.
    window.__reached = new Set();
    // How every element looks with nothing focused.
    window.__unfocusedLook = new Map();
    for (const el of document.querySelectorAll('body *')) {
      window.__unfocusedLook.set(el, window.__focusLook(el));
    }
  });
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const result = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A date field takes several Tab stops (day, month, year): the same
      // element again is not a new control.
      const same = el === window.__last;
      window.__last = el;
      const again = !same && window.__reached.has(el);
      window.__reached.add(el);
      const id = el.outerHTML.slice(0, 120);
      const focused = getComputedStyle(el);
      const changed = (node) =>
        !!node && window.__unfocusedLook.has(node) && window.__unfocusedLook.get(node) !== window.__focusLook(node);
      const visible =
        (focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0) ||
        focused.boxShadow !== 'none' ||
        focused.textDecorationLine.includes('underline') && parseFloat(focused.textDecorationThickness) > 1 ||
        changed(el) ||
        changed(el.parentElement);
      return { id, visible, same, again };
    });
    if (!result || result.again) break;
    if (result.same) continue;
    if (!result.visible) found.push(result.id);
  }
  return found;
}

function describeViolation(v) {
  const lines = [`axe ${v.id} [${v.impact ?? 'n/a'}]: ${v.help} (${v.helpUrl})`];
  for (const n of v.nodes.slice(0, MAX_NODES_SHOWN)) {
    lines.push(`    at ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')}`);
  }
  if (v.nodes.length > MAX_NODES_SHOWN) {
    lines.push(`    ... and ${v.nodes.length - MAX_NODES_SHOWN} more`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- pages

async function checkPage(spec, deps, pageSpec, htmlDir) {
  const started = Date.now();
  const { baseUrl, screenshotDir } = spec;
  const url = baseUrl + pageSpec.path;
  const cookies = pageSpec.cookies ?? [];
  const expectStatus = pageSpec.expect_status ?? 200;
  const problems = [];
  let htmlFile = null;
  let violations = null;

  // a) raw HTML, as the server sends it, for the Nu HTML Checker.
  try {
    const headers = { accept: 'text/html' };
    if (cookies.length) headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const resp = await fetch(url, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(NAV_TIMEOUT_MS),
    });
    const body = await resp.text();
    if (resp.status !== expectStatus) {
      const loc = resp.headers.get('location');
      problems.push(
        `GET ${url} answered ${resp.status}${loc ? ` (Location: ${loc})` : ''}, expected ${expectStatus}`,
      );
    } else {
      htmlFile = path.join(htmlDir, `${pageSpec.name}.html`);
      await fs.writeFile(htmlFile, body);
    }
  } catch (e) {
    problems.push(`GET ${url} failed: ${e.cause?.message ?? e.message}`);
  }

  // b) + c) the rendered page in Chromium: axe, console and page errors.
  const context = await newContext(baseUrl, cookies);
  try {
    const page = await context.newPage();
    watchPage(page, problems);
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (resp && resp.status() !== expectStatus) {
      problems.push(`browser: ${url} answered ${resp.status()}, expected ${expectStatus}`);
    }
    const result = await runAxe(page, deps.axeSource);
    violations = result.violations;
    for (const v of violations) problems.push(describeViolation(v));
    for (const name of await unstyledClasses(page)) {
      problems.push(`class "${name}" is used but no stylesheet rule names it`);
    }
    for (const el of await invisibleFocus(page)) {
      problems.push(`keyboard focus is not visible on ${el}`);
    }
    // Dark mode (Designsystemet follows the reader's setting): contrast again.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await runAxe(page, deps.axeSource);
    for (const v of dark.violations) problems.push(`[dark] ${describeViolation(v)}`);
    violations = [...violations, ...dark.violations];
    await page.emulateMedia({ colorScheme: 'light' });

    // d) screenshots, for people to look at; they do not fail anything.
    if (screenshotDir) {
      await page.screenshot({
        path: path.join(screenshotDir, `${pageSpec.name}.png`),
        fullPage: true,
        animations: 'disabled',
      });
    }
  } catch (e) {
    problems.push(`browser: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close().catch(() => {});
  }

  // e) the same page on a phone-sized screen, where scrolling regions and
  // reflow bring failures of their own (WCAG 1.4.10, 2.1.1).
  const mobile = await newContext(baseUrl, cookies, {
    viewport: MOBILE_VIEWPORT,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  try {
    const page = await mobile.newPage();
    watchPage(page, problems, 'mobile');
    await page.goto(url, { waitUntil: 'load' });
    const result = await runAxe(page, deps.axeSource);
    violations = [...(violations ?? []), ...result.violations];
    for (const v of result.violations) problems.push(`[mobile] ${describeViolation(v)}`);
    if (screenshotDir) {
      await page.screenshot({
        path: path.join(screenshotDir, `${pageSpec.name}-mobile.png`),
        fullPage: true,
        animations: 'disabled',
      });
    }
  } catch (e) {
    problems.push(`[mobile] browser: ${e.message.split('\n')[0]}`);
  } finally {
    await mobile.close().catch(() => {});
  }

  const axeText = violations === null ? 'axe not run' : `axe ${plural(violations.length, 'violation')} (desktop and phone)`;
  const label = `${pageSpec.name} (${pageSpec.path})`;
  if (problems.length === 0) {
    ok(label, `${axeText}, no console errors (${secs(started)})`);
  } else {
    const others = problems.length - (violations?.length ?? 0);
    fail(label, `${axeText}, ${plural(others, 'other problem')} (${secs(started)})`, problems);
  }
  return htmlFile;
}

// ---------------------------------------------------------------- vnu

function runProcess(cmd, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function checkHtml(deps, files) {
  const started = Date.now();
  const label = `html-validity (vnu, ${plural(files.length, 'file')})`;
  if (files.length === 0) {
    // Every page already failed on fetching; nothing to count here.
    console.log('skip html-validity (vnu): no page\'s HTML could be fetched');
    return true;
  }
  const java = javaPath();
  const args = [
    '-Xss8m',
    '-Xmx1g',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    '-jar',
    deps.vnuJar,
    '--format',
    'json',
    '--stdout',
    ...files,
  ];
  let res;
  try {
    res = await runProcess(java, args, VNU_TIMEOUT_MS);
  } catch (e) {
    fail(label, `could not run ${java}: ${e.message} (Java 11 or later is needed; set JAVA_HOME)`);
    return false;
  }
  let report;
  try {
    report = JSON.parse(res.stdout);
  } catch {
    const why = res.signal ? `killed by ${res.signal} (time limit ${VNU_TIMEOUT_MS / 1000} s?)` : `exit ${res.code}`;
    fail(label, `the checker gave no JSON report (${why})`, [res.stderr.trim() || res.stdout.trim()]);
    return false;
  }
  const errors = [];
  const notes = [];
  for (const m of report.messages ?? []) {
    const file = m.url ? path.basename(fileURLToPath(m.url)) : '(no file)';
    const line = m.lastLine ?? m.firstLine;
    const col = m.firstColumn ?? m.lastColumn;
    const where = line ? `${file}:${line}${col ? `:${col}` : ''}` : file;
    const kind = m.type === 'info' && m.subType === 'warning' ? 'warning' : m.type;
    let text = `${where}: ${kind}: ${m.message}`;
    if (m.extract) text += `\n    ${JSON.stringify(m.extract.replace(/\s+/g, ' ').trim())}`;
    if (m.type === 'error' || m.type === 'non-document-error') errors.push(text);
    else notes.push(text);
  }
  const counts = `${plural(errors.length, 'error')}, ${plural(notes.length, 'warning/info message')} (${secs(started)})`;
  if (errors.length === 0) {
    ok(label, counts);
    for (const n of notes) console.log(indent(n, '     '));
    return true;
  }
  fail(label, counts, [...errors, ...notes]);
  return false;
}

// ---------------------------------------------------------------- scenarios

async function runScenario(spec, name) {
  const started = Date.now();
  const label = `scenario ${name}`;
  const file = path.join(HERE, 'scenarios', `${name}.mjs`);
  const contexts = [];
  const problems = [];
  try {
    if (!existsSync(file)) throw new Error(`no such scenario module: ${file}`);
    const mod = await import(pathToFileURL(file).href);
    if (typeof mod.default !== 'function') {
      throw new Error(`${file} has no default export function`);
    }
    const newPage = async (cookies = []) => {
      const context = await newContext(spec.baseUrl, cookies);
      contexts.push(context);
      const page = await context.newPage();
      watchPage(page, problems, `page ${contexts.length}`, { navigations: true });
      return page;
    };
    await withTimeout(
      mod.default({ browser, baseUrl: spec.baseUrl, newPage, assert }),
      SCENARIO_TIMEOUT_MS,
      label,
    );
  } catch (e) {
    problems.unshift(e.message);
  } finally {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  }
  if (problems.length === 0) ok(label, secs(started));
  else fail(label, `${plural(problems.length, 'problem')} (${secs(started)})`, problems);
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  const spec = await readSpec(process.argv[2]);

  const guard = setTimeout(() => {
    console.log(`FAIL overall time limit of ${spec.overallTimeoutS} s exceeded, aborting`);
    failed += 1;
    console.log(summaryLine());
    process.exit(3); // Playwright kills the browser on exit.
  }, spec.overallTimeoutS * 1000);
  guard.unref();

  const deps = await loadDeps();
  const executablePath = chromiumPath();
  if (spec.screenshotDir) await fs.mkdir(spec.screenshotDir, { recursive: true });

  try {
    browser = await withTimeout(
      deps.chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 }),
      45_000,
      'launching Chromium',
    );
  } catch (e) {
    // Playwright's message repeats the whole command line twice; keep the
    // first line and what the browser itself wrote to stderr.
    const lines = String(e.message).split('\n');
    const said = lines.filter((l) => /^\[pid=\d+\]\[err\] /.test(l)).slice(0, 20);
    throw new FatalError(
      `Chromium (${executablePath}) failed to launch: ${lines[0]}` +
        (said.length ? `\n${said.join('\n')}` : ''),
    );
  }

  const htmlDir = await fs.mkdtemp(path.join(os.tmpdir(), 'innspill-html-'));
  let htmlValid = spec.pages.length === 0;
  console.log(`checking ${spec.baseUrl}: ${plural(spec.pages.length, 'page')}, ${plural(spec.scenarios.length, 'scenario')}`);
  try {
    const files = [];
    for (const p of spec.pages) {
      const f = await checkPage(spec, deps, p, htmlDir);
      if (f) files.push(f);
    }
    for (const s of spec.scenarios) await runScenario(spec, s);
    await browser.close().catch(() => {});
    browser = null;
    if (spec.pages.length) htmlValid = await checkHtml(deps, files);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (htmlValid) {
      await fs.rm(htmlDir, { recursive: true, force: true });
    } else {
      console.log(`(fetched HTML kept in ${htmlDir})`);
    }
  }
  if (spec.screenshotDir) console.log(`(screenshots in ${spec.screenshotDir})`);
  console.log(`took ${secs(started)}`);
  console.log(summaryLine());
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    const msg = e instanceof FatalError ? e.message : `unexpected crash: ${e.stack ?? e}`;
    // On stdout, so that it stays in order with the rest of the report.
    console.log(`check.mjs: fatal: ${msg}`);
    if (browser) await browser.close().catch(() => {});
    failed += 1;
    console.log(summaryLine());
    process.exit(2);
  },
);
