// The browser tests' harness: the real server (a fresh database, --port 0), Debian's Chromium
// driven by playwright-core, one browser context per person, axe-core, screenshots, and the
// capture of page errors and dialogs. Every wait is bounded.
//
// Configured by env (relative paths are resolved from the repository root):
//   ENCUENTRO_SERVER_BINARY  (build/dev/encuentro-server)
//   ENCUENTRO_STATIC_DIR     (client-web/dist)
//   ENCUENTRO_ARTIFACTS_DIR  (build/browser-artifacts)
//   ENCUENTRO_CHROMIUM       (/usr/bin/chromium)
//   ENCUENTRO_BROWSER_HEADED=1 to watch the browser (needs a display)
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
const fromRepo = (p) => resolve(repoRoot, p);

export const config = {
  serverBinary: fromRepo(process.env.ENCUENTRO_SERVER_BINARY || 'build/dev/encuentro-server'),
  staticDir: fromRepo(process.env.ENCUENTRO_STATIC_DIR || 'client-web/dist'),
  artifactsDir: fromRepo(process.env.ENCUENTRO_ARTIFACTS_DIR || 'build/browser-artifacts'),
  chromium: process.env.ENCUENTRO_CHROMIUM || '/usr/bin/chromium',
  headed: process.env.ENCUENTRO_BROWSER_HEADED === '1',
};

/** Timeouts (ms). Every wait in the tests uses one of these or less. */
export const timeouts = {
  action: 10_000, // a click, a fill, an expectation on the page
  navigation: 20_000,
  serverStart: 60_000, // a freshly linked debug binary can be slow to load the first time
  binaryAppears: 90_000, // the binary may be re-linked while tests run
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `fn()` returns a truthy value (returned), or throws `what` after `ms`. */
export async function waitFor(what, fn, ms = timeouts.action, every = 100) {
  const until = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${ms} ms waiting for ${what}${why}`);
    }
    await sleep(every);
  }
}

/** "YYYY-MM-DD", `days` from today (UTC). */
export function dateIn(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The server

const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts the real server on 127.0.0.1 with --port 0 and a fresh database.
 * Returns { url, port, secret, output(), stop() }.
 */
export async function startServer({ demo = false, extraArgs = [] } = {}) {
  if (!existsSync(config.staticDir + '/index.html'))
    throw new Error(`no built client in ${config.staticDir}: run 'npm ci && npm run build' in client-web`);
  // The binary may be briefly missing while it is re-linked.
  await waitFor(`the server binary ${config.serverBinary}`, () => existsSync(config.serverBinary),
    timeouts.binaryAppears, 1000);

  const dir = mkdtempSync(join(tmpdir(), 'encuentro-browser-'));
  const args = ['--bind', '127.0.0.1', '--port', '0', '--db', join(dir, 'e.db'),
    '--static', config.staticDir, '--log-level', 'warn', ...(demo ? ['--demo'] : []), ...extraArgs];
  const child = spawn(config.serverBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    running.delete(child);
  });

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const until = Date.now() + 5000;
      while (exited === null && Date.now() < until) await sleep(50);
      if (exited === null) {
        child.kill('SIGKILL');
        const hard = Date.now() + 2000;
        while (exited === null && Date.now() < hard) await sleep(50);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const url = await waitFor('the server to listen', () => {
      if (exited) throw new Error(`server exited (${JSON.stringify(exited)}): ${stderr}`);
      return /listening on (http:\/\/[0-9.]+:\d+)/.exec(stdout)?.[1];
    }, timeouts.serverStart, 50);
    const secret = /Organizer access \(one-time\): (\S+)/.exec(stdout)?.[1];
    if (!secret) throw new Error(`no organizer secret on stdout: ${stdout}`);
    return {
      url,
      port: Number(new URL(url).port),
      secret,
      dir,
      output: () => ({ stdout, stderr }),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

export async function launchBrowser() {
  if (!existsSync(config.chromium))
    throw new Error(`no Chromium at ${config.chromium}: install Debian's 'chromium' package`);
  return chromium.launch({
    executablePath: config.chromium,
    headless: !config.headed,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export const devices = {
  laptop: { viewport: { width: 1366, height: 900 } },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  projector: { viewport: { width: 1280, height: 720 } },
};

/**
 * A person: their own browser context (storage, IndexedDB, network) and one page.
 * Uncaught page errors are collected in `errors` (assertNoPageErrors fails on them), every
 * dialog (alert/confirm/prompt) in `dialogs` and is dismissed.
 */
export async function newPerson(browser, server, name, device = devices.laptop) {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
    ...device,
  });
  context.setDefaultTimeout(timeouts.action);
  context.setDefaultNavigationTimeout(timeouts.navigation);
  const page = await context.newPage();
  const person = { name, context, page, errors: [], dialogs: [], console: [] };
  page.on('pageerror', (err) => person.errors.push(`${err.name}: ${err.message}\n${err.stack ?? ''}`));
  page.on('dialog', (dialog) => {
    person.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') person.console.push(msg.text());
  });
  return person;
}

/** Fails when a person's pages threw an uncaught error. */
export function assertNoPageErrors(...people) {
  const report = people
    .filter((p) => p.errors.length > 0)
    .map((p) => `${p.name}:\n  ${p.errors.join('\n  ')}`);
  if (report.length > 0) throw new Error(`uncaught page errors:\n${report.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// Artifacts: screenshots and axe

function safe(name) {
  return String(name).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');
}

export function artifactsFor(testName) {
  const dir = join(config.artifactsDir, safe(testName));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A full-page screenshot at <artifacts>/<test>/<view>.png. */
export async function screenshot(page, testName, view) {
  const path = join(artifactsFor(testName), `${safe(view)}.png`);
  await page.screenshot({ path, fullPage: true, timeout: timeouts.navigation, animations: 'disabled' });
  return path;
}

/** Runs axe-core on the page; returns the violations of impact serious or critical. */
export async function axeViolations(page, { exclude = [] } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not
  // block it, and no CSP bypass is needed that would weaken the hostile-text test.
  if (!loaded) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (exclude) =>
      window.axe.run(exclude.length ? { exclude } : document, {
        resultTypes: ['violations'],
      }),
    exclude,
  );
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

/**
 * Checks a view with axe (fails on serious/critical violations, with a readable report also
 * written to <artifacts>/<test>/<view>.axe.txt) and saves its screenshot.
 */
export async function checkView(page, testName, view, options = {}) {
  await screenshot(page, testName, view);
  const violations = await axeViolations(page, options);
  const report = violations.length
    ? `axe: ${violations.length} serious/critical violation(s) on ${view} (${page.url()}):\n${formatViolations(violations)}`
    : '';
  writeFileSync(join(artifactsFor(testName), `${safe(view)}.axe.txt`), report || 'no serious or critical violations\n');
  return report;
}

/** Collects failures that should not stop a test at once (e.g. axe on many views). */
export class SoftFailures {
  constructor() {
    this.items = [];
  }
  add(message) {
    if (message) this.items.push(message);
  }
  async check(label, fn) {
    try {
      await fn();
    } catch (e) {
      this.items.push(`${label}: ${e.message}`);
    }
  }
  assert() {
    if (this.items.length) throw new Error(this.items.join('\n\n'));
  }
}

// ---------------------------------------------------------------------------------------------
// A suite's world: one server, one browser, people; torn down in any case.

/** A test file's world. Its artifacts directory (<artifacts>/<testName>) is emptied at start. */
export function world(testName) {
  const w = {
    testName,
    server: null,
    browser: null,
    people: [],
    async start({ demo = false } = {}) {
      rmSync(join(config.artifactsDir, safe(testName)), { recursive: true, force: true });
      w.server = await startServer({ demo });
      w.browser = await launchBrowser();
      return w;
    },
    async person(name, device) {
      const p = await newPerson(w.browser, w.server, name, device);
      w.people.push(p);
      return p;
    },
    /** Saves what helps understand a failure: the server's output, each page's errors. */
    saveDiagnostics() {
      try {
        const dir = artifactsFor(testName);
        if (w.server) {
          const { stdout, stderr } = w.server.output();
          writeFileSync(join(dir, 'server.log'), `${stdout}\n--- stderr ---\n${stderr}`);
        }
        const pages = w.people
          .map((p) => `## ${p.name}\nerrors:\n${p.errors.join('\n')}\ndialogs:\n${p.dialogs.join('\n')}\nconsole errors:\n${p.console.join('\n')}\n`)
          .join('\n');
        writeFileSync(join(dir, 'pages.log'), pages);
      } catch {
        // diagnostics are best effort
      }
    },
    async stop() {
      for (const p of w.people) await p.context.close().catch(() => {});
      w.people = [];
      if (w.browser) await Promise.race([w.browser.close().catch(() => {}), sleep(10_000)]);
      w.browser = null;
      if (w.server) await w.server.stop();
      w.server = null;
    },
  };
  return w;
}

// ---------------------------------------------------------------------------------------------
// The page's live client (window.encuentroLive), for bulk setup that is not the point of a test

/** Waits until the page exposes window.encuentroLive. */
export async function liveReady(page) {
  await page.waitForFunction(() => typeof window.encuentroLive === 'object' && window.encuentroLive !== null,
    null, { timeout: timeouts.navigation });
}

/** Sends a command through the page's live client; throws with the server's error if refused. */
export async function send(page, name, args = {}) {
  const result = await page.evaluate(
    ([name, args]) =>
      Promise.race([
        window.encuentroLive.send(name, args),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no reply to ${name} in 10 s`)), 10_000)),
      ]),
    [name, args],
  );
  if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`);
  return result;
}

/** A request/reply message (access.mint, access.public_code, participant.link…). */
export async function request(page, message) {
  return page.evaluate(
    (message) =>
      Promise.race([
        window.encuentroLive.request(message),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no reply to ${message.type} in 10 s`)), 10_000)),
      ]),
    message,
  );
}

/** The encuentro state as the page's live client holds it. */
export async function liveState(page) {
  return page.evaluate(() => {
    const s = window.encuentroLive.state;
    return s && 'value' in s ? s.value : s;
  });
}

/** Waits until the page's live client is online (synced). */
export async function liveOnline(page, ms = timeouts.navigation) {
  await page.waitForFunction(() => window.encuentroLive?.connection?.value === 'online', null, { timeout: ms });
}

// ---------------------------------------------------------------------------------------------
// A raw protocol client hosted in a browser page (same origin as the server, so the Origin
// check passes), independent of the web client's code: for setup that is not the point of a
// test and for checking what the server holds. Not a person: it has no view.

export class ProtocolClient {
  constructor(page) {
    this.page = page;
    this.ops = 0;
  }

  static async open(w, name = 'protocol') {
    const p = await w.person(name, devices.laptop);
    await p.page.goto('/healthz');
    const client = new ProtocolClient(p.page);
    const wsUrl = w.server.url.replace(/^http/, 'ws') + '/live';
    await p.page.evaluate(
      (url) =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url);
          window.__msgs = [];
          window.__ws = ws;
          ws.onmessage = (e) => window.__msgs.push(JSON.parse(e.data));
          ws.onopen = () => resolve();
          ws.onerror = () => reject(new Error('WebSocket error'));
          setTimeout(() => reject(new Error('WebSocket open timed out')), 10_000);
        }),
      wsUrl,
    );
    return client;
  }

  async send(message) {
    await this.page.evaluate((m) => window.__ws.send(JSON.stringify(m)), message);
  }

  /** Waits for the first message (from index `from`) matching all of `fields`. */
  async waitMessage(fields, from = 0, ms = timeouts.action) {
    const handle = await this.page.waitForFunction(
      ([fields, from]) =>
        window.__msgs.slice(from).find((m) => Object.entries(fields).every(([k, v]) => m[k] === v)),
      [fields, from],
      { timeout: ms },
    );
    return handle.jsonValue();
  }

  async count() {
    return this.page.evaluate(() => window.__msgs.length);
  }

  async messages(from = 0) {
    return this.page.evaluate((from) => window.__msgs.slice(from), from);
  }

  /** hello; returns the welcome. */
  async hello(fields = {}) {
    const from = await this.count();
    await this.send({ type: 'hello', protocol: 1, ...fields });
    const reply = await this.page
      .waitForFunction(
        (from) => window.__msgs.slice(from).find((m) => m.type === 'welcome' || m.type === 'error'),
        from,
        { timeout: timeouts.action },
      )
      .then((h) => h.jsonValue());
    if (reply.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(reply)}`);
    if (fields.encuentro) await this.waitMessage({ type: 'synced' }, from);
    return reply;
  }

  /** Sends a command; resolves with { ack, events } or throws with the error. */
  async command(name, args = {}) {
    const op = `e2e-${Date.now()}-${++this.ops}`;
    const from = await this.count();
    await this.send({ type: 'command', op, name, args });
    const reply = await this.page
      .waitForFunction(
        ([op, from]) => window.__msgs.slice(from).find((m) => m.op === op && (m.type === 'ack' || m.type === 'error')),
        [op, from],
        { timeout: timeouts.action },
      )
      .then((h) => h.jsonValue());
    if (reply.type !== 'ack') throw new Error(`${name} refused: ${JSON.stringify(reply)}`);
    const events = (await this.messages(from)).filter(
      (m) => m.type === 'event' && m.seq >= reply.first_seq && m.seq <= reply.seq,
    );
    return { ack: reply, events };
  }

  /** A request/reply message (access.mint, access.public_code…), paired by ref. */
  async request(message) {
    const ref = `e2e-ref-${++this.ops}`;
    const from = await this.count();
    await this.send({ ...message, ref });
    const reply = await this.waitMessage({ ref }, from);
    if (reply.type === 'error') throw new Error(`${message.type} refused: ${JSON.stringify(reply)}`);
    return reply;
  }

  /** The encuentro's state now (a fresh subscribe with since 0 gives a snapshot). */
  async state(encuentro) {
    const from = await this.count();
    await this.send({ type: 'subscribe', encuentro });
    await this.waitMessage({ type: 'synced' }, from);
    const snapshot = (await this.messages(from)).find((m) => m.type === 'snapshot');
    if (!snapshot) throw new Error('no snapshot after subscribe');
    return snapshot.state;
  }

  async mint(role, { workshop = null, participant = null, label = role } = {}) {
    return this.request({ type: 'access.mint', role, workshop, participant, label });
  }
}

// ---------------------------------------------------------------------------------------------
// People joining

/** Opens the join URL of an access code (as scanning its QR does); waits for the role's home. */
export async function joinByCode(person, code, expectedPath) {
  await person.page.goto(`/unirse?codigo=${encodeURIComponent(code)}`);
  await person.page.waitForURL((url) => url.pathname.startsWith(expectedPath), { timeout: timeouts.navigation });
}

/** Types a code on the home page, as a person with a printed card does. */
export async function joinByTyping(person, code, expectedPath) {
  await person.page.goto('/');
  await person.page.getByLabel('Código de acceso').fill(code);
  await person.page.getByRole('button', { name: 'Entrar' }).click();
  await person.page.waitForURL((url) => url.pathname.startsWith(expectedPath), { timeout: timeouts.navigation });
}

/** The connection state the page's indicator shows (data-connection). */
export async function connectionOf(page) {
  return page.locator('[data-connection]').first().getAttribute('data-connection');
}

export async function waitConnection(page, state, ms = timeouts.navigation) {
  await page.locator(`[data-connection="${state}"]`).first().waitFor({ timeout: ms });
}

/** How many elements of the page show exactly `text` (whitespace-trimmed). */
export async function countExactText(page, text, scope = 'main') {
  return page.evaluate(
    ([text, scope]) => {
      const root = document.querySelector(scope) ?? document.body;
      const all = [...root.querySelectorAll('*')];
      // Innermost elements whose whole text is `text` (not their ancestors).
      return all.filter(
        (el) => el.textContent.trim() === text && ![...el.children].some((c) => c.textContent.trim() === text),
      ).length;
    },
    [text, scope],
  );
}

// The ordered steps of one scenario, each a node:test test: once a (blocking) step fails, the
// later ones are skipped with its name, since they need what it should have done, and every
// person's page is screenshotted as it was when it failed.
export function scenario(w, testName, { timeout = 60_000 } = {}) {
  let broken = null;
  return function step(name, fn, { timeout: limit = timeout, blocking = true } = {}) {
    test(name, { timeout: limit }, async (t) => {
      if (broken) {
        t.skip(`needs the step that failed: ${broken}`);
        return;
      }
      try {
        await fn();
      } catch (e) {
        if (blocking) broken = name;
        for (const p of w.people) await screenshot(p.page, testName, `failed-${p.name}`).catch(() => {});
        throw e;
      }
    });
  };
}
