/**
 * The browser tests' set-up: dist/ served on a random local port, the system's Chromium through
 * playwright-core, and a page whose every request, page error and CSP violation is recorded.
 * No network: the Office CDN is answered by the test (a fake office.js) or refused, and anything
 * else beyond this machine is refused and reported.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const DIST = path.resolve(__dirname, '../../dist');
export const WORKBOOKS = path.resolve(__dirname, '../cases/workbooks');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OFFICE_CDN = 'appsforoffice.microsoft.com';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** An error whose report is its message alone: a missing browser is a set-up step, not a bug to trace. */
function oneLine(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

export interface Harness {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(path.join(DIST, 'taskpane.html'))) {
    throw new Error(`${path.join(DIST, 'taskpane.html')} is missing: build first (npm run build; npm test does it)`);
  }
  if (!fs.existsSync(CHROMIUM)) throw oneLine(
    `Không tìm thấy Chromium tại ${CHROMIUM}: cài bằng "sudo apt-get install chromium" (Debian) hoặc đặt CHROMIUM_PATH. ` +
      `(No Chromium at ${CHROMIUM}: install it with "apt-get install chromium" or set CHROMIUM_PATH.)`,
  );
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.join(DIST, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (e) {
    server.close();
    throw e;
  }
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  requests: string[];
  pageErrors: string[];
  cspViolations: string[];
}

function local(u: string): boolean {
  const url = new URL(u);
  return ['127.0.0.1', 'localhost'].includes(url.hostname) || ['blob:', 'data:'].includes(url.protocol);
}

/** The built pane, with `office` as the body of office.js (omitted: the CDN is unreachable). */
export async function openPane(
  h: Harness,
  office?: string,
  options: { viewport?: { width: number; height: number }; bypassCSP?: boolean; page?: string; locale?: string } = {},
): Promise<Watched> {
  // bypassCSP only for tests that inject a checker (axe-core) into the page.
  const context = await h.browser.newContext({ acceptDownloads: true, viewport: options.viewport, bypassCSP: options.bypassCSP, locale: options.locale });
  const w: Watched = { context, page: await context.newPage(), requests: [], pageErrors: [], cspViolations: [] };
  context.on('request', (r) => w.requests.push(r.url()));
  await context.route(
    (url) => !local(url.href),
    (route) =>
      office !== undefined && new URL(route.request().url()).hostname === OFFICE_CDN
        ? route.fulfill({ status: 200, contentType: 'text/javascript', body: office })
        : route.abort('internetdisconnected'),
  );
  w.page.on('pageerror', (e) => w.pageErrors.push(String(e)));
  w.page.on('console', (m) => {
    if (/^CSP |Content Security Policy|Refused to/i.test(m.text())) w.cspViolations.push(m.text());
  });
  await w.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`));
  });
  await w.page.goto(`${h.base}/${options.page ?? 'taskpane.html'}`);
  return w;
}

/** Nothing asked of any host but this one (and the Office CDN), no page error, no CSP violation. */
export function expectClean(w: Watched): void {
  expect(w.requests.filter((u) => !local(u) && new URL(u).hostname !== OFFICE_CDN)).toEqual([]);
  expect(w.pageErrors).toEqual([]);
  expect(w.cspViolations).toEqual([]);
}
