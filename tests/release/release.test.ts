/**
 * A release as an office gets it (npm run release): built for an address, its web/ served over
 * HTTPS on 127.0.0.1 with a certificate made here, the pane (fake office.js) and the page checking a
 * list from there; the one-file page from file:// with the network off and with every request
 * hanging, its downloads equal to the command line's; the tarball installed into an empty prefix
 * with no network, judging a list as the repository's build does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PRODUCT_VERSION } from '../../src/core/version';
import { caseBook } from '../taskpane/helpers';
import { fakeOfficeScript } from '../browser/fake-office';
import { OFFICE_CDN, WORKBOOKS } from '../browser/harness';

jest.setTimeout(30 * 60_000);

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NAME = `ntm-awards-${PRODUCT_VERSION}`;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml' };

let tmp: string;
let folder: string;
let base: string;
let server: https.Server;
let browser: Browser;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ntm-release-'));
  // A certificate for 127.0.0.1, made here (openssl, as an office's IT would).
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', path.join(tmp, 'key.pem'), '-out', path.join(tmp, 'cert.pem')], { stdio: 'ignore' });
  server = https.createServer({ key: fs.readFileSync(path.join(tmp, 'key.pem')), cert: fs.readFileSync(path.join(tmp, 'cert.pem')) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const web = path.join(folder, 'web');
    const rel = decodeURIComponent(url.pathname).replace(/^\/ntm\//, '');
    const file = path.join(web, path.normalize(rel));
    if (!url.pathname.startsWith('/ntm/') || !file.startsWith(web) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ntm/`;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'build/scripts/release.js'), '--base-url', base, '--out', tmp], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run release failed:\n${r.stderr}`);
  folder = path.join(tmp, NAME);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the release folder', () => {
  test('holds web/, the one-file page, the tarball, both schemas, CHANGELOG.md and SHA256SUMS that match; a zip of it all', async () => {
    for (const f of ['web/taskpane.html', 'web/index.html', 'web/manifest.xml', 'web/manifest-excel2016.xml', 'ntm-awards.html', `${NAME}.tgz`, 'schemas/plan.schema.json', 'schemas/report.schema.json', 'CHANGELOG.md', 'SHA256SUMS']) {
      expect({ f, there: fs.existsSync(path.join(folder, f)) }).toEqual({ f, there: true });
    }
    const sums = fs.readFileSync(path.join(folder, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums.length).toBeGreaterThan(10);
    const check = spawnSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' });
    expect([check.status, check.stdout]).toEqual([0, '']);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(tmp, `${NAME}.zip`)));
    expect(Object.keys(zip.files)).toContain(`${NAME}/ntm-awards.html`);
    expect(fs.readFileSync(path.join(folder, 'CHANGELOG.md'), 'utf8')).toContain(`## ${PRODUCT_VERSION}`);
  });

  test('both manifests are the repository ones (well-formed) with every URL under the address, <Version> from package.json and the same <Id>', async () => {
    const { parseStringPromise } = require('xml2js') as { parseStringPromise(xml: string): Promise<unknown> };
    const version = `${PRODUCT_VERSION}.0`;
    for (const name of ['manifest.xml', 'manifest-excel2016.xml']) {
      const dev = fs.readFileSync(path.join(ROOT, name), 'utf8');
      const shipped = fs.readFileSync(path.join(folder, 'web', name), 'utf8');
      expect(shipped).toBe(dev.split('https://localhost:3000/').join(base).replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`));
      expect(shipped).not.toMatch(/"https?:\/\/localhost/);
      await expect(parseStringPromise(shipped)).resolves.toHaveProperty('OfficeApp');
      const urls = [...shipped.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(5);
      for (const u of urls) {
        expect(u.startsWith(base)).toBe(true);
        expect({ u, there: fs.existsSync(path.join(folder, 'web', u.slice(base.length))) }).toEqual({ u, there: true });
      }
    }
    for (const meta of ['functions.json', 'functions.vi-VN.json']) expect(fs.readFileSync(path.join(folder, 'web', meta), 'utf8')).not.toContain('localhost');
  });
});

/** Every request the context makes, and what is let out: 127.0.0.1, and the Office CDN as `office` says. */
async function watched(office: 'fake' | 'hang', options: { offline?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, ignoreHTTPSErrors: true, offline: options.offline });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const fake = office === 'fake' ? fakeOfficeScript(await caseBook('thach-ha-2022')) : '';
  await context.route(
    (u) => !['127.0.0.1'].includes(u.hostname) && ['http:', 'https:'].includes(u.protocol),
    (route) => {
      if (office === 'fake' && new URL(route.request().url()).hostname === OFFICE_CDN) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fake });
      // Left hanging: an intranet with no route out answers nothing.
      return new Promise<void>(() => undefined);
    },
  );
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, requests, errors };
}

const outside = (requests: string[]) => requests.filter((u) => /^https?:/.test(u) && new URL(u).hostname !== '127.0.0.1' && new URL(u).hostname !== OFFICE_CDN);

describe('web/ served over HTTPS on 127.0.0.1', () => {
  test('the pane (fake office.js) checks the list in the workbook; nothing asked of any host but 127.0.0.1 and the Office CDN', async () => {
    const w = await watched('fake');
    await w.page.goto(`${base}taskpane.html`);
    await w.page.waitForSelector('#mapping:not([hidden])');
    await w.page.selectOption('#plan', 'thach-ha-2022');
    await w.page.fill('#year', '2023');
    await w.page.click('#check');
    await w.page.waitForSelector('#counts:not([hidden])');
    expect(await w.page.textContent('#counts')).toMatch(/^12 dòng: 5 Đủ điều kiện/);
    expect(await w.page.textContent('#version')).toContain(PRODUCT_VERSION);
    expect(outside(w.requests)).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  test('the page (index.html) is usable at once with every outside request hanging, and checks a file', async () => {
    const w = await watched('hang');
    await w.page.goto(`${base}index.html`);
    await w.page.waitForSelector('#file-box:not([hidden])');
    await w.page.setInputFiles('#file', path.join(WORKBOOKS, 'thach-ha-2022.xlsx'));
    await w.page.selectOption('#plan', 'thach-ha-2022');
    await w.page.fill('#year', '2023');
    await w.page.click('#check');
    await w.page.waitForSelector('#counts:not([hidden])');
    expect(await w.page.textContent('#counts')).toMatch(/^12 dòng: /);
    expect(w.requests.filter((u) => !u.startsWith(base) && !/^(blob|data):/.test(u))).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});

/** The parts of an .xlsx, with what differs between two runs of the same check masked (creation times). */
async function parts(bytes: Buffer | Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    out[name] = (await f.async('string')).replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '<dcterms:$1/>');
  }
  return out;
}

function cli(args: string[], bin = path.join(ROOT, 'bin/ntm-awards'), env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
}

describe('the one-file page (ntm-awards.html) from file://', () => {
  test.each([
    ['with the network disabled', { offline: true }],
    ['with every request left hanging', { offline: false }],
  ])('%s: checks a case workbook and merges two; both downloads equal the command line’s outputs', async (_, opts) => {
    const work = fs.mkdtempSync(path.join(tmp, 'page-'));
    const list = path.join(work, 'thach-ha-2022.xlsx');
    fs.copyFileSync(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'), list);
    const folderIn = path.join(work, 'ho-so');
    fs.mkdirSync(folderIn);
    const two = ['xa-a.xlsx', 'xa-b.xlsx'].map((n) => {
      fs.copyFileSync(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'), path.join(folderIn, n));
      return path.join(folderIn, n);
    });

    const w = await watched('hang', opts);
    await w.page.goto(`file://${path.join(folder, 'ntm-awards.html')}`);
    await w.page.waitForSelector('#file-box:not([hidden])');
    await w.page.selectOption('#plan', 'thach-ha-2022');
    await w.page.fill('#year', '2023');
    await w.page.setInputFiles('#file', list);
    await w.page.click('#check');
    await w.page.waitForSelector('#counts:not([hidden])');
    const [checked] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#download')]);
    const pageChecked = path.join(work, 'page.checked.xlsx');
    await checked.saveAs(pageChecked);
    await w.page.setInputFiles('#merge-files', two);
    await w.page.waitForFunction(() => /^2 tệp để gộp/.test(document.getElementById('merge-names')?.textContent ?? ''));
    const [merged] = await Promise.all([w.page.waitForEvent('download'), w.page.click('#merge')]);
    const pageMerged = path.join(work, 'page.tong-hop.xlsx');
    await merged.saveAs(pageMerged);
    expect(w.errors).toEqual([]);
    expect(w.requests.filter((u) => !/^(file|blob|data):/.test(u))).toEqual([]);
    await w.context.close();

    const cliChecked = path.join(work, 'cli.checked.xlsx');
    const cliMerged = path.join(work, 'cli.tong-hop.xlsx');
    expect(cli(['check', list, '--plan', 'thach-ha-2022', '--year', '2023', '--out', cliChecked, '--quiet']).stderr).toBe('');
    expect(cli(['check', folderIn, '--plan', 'thach-ha-2022', '--year', '2023', '--merge', cliMerged, '--quiet']).stderr).toBe('');
    expect(await parts(fs.readFileSync(pageChecked))).toEqual(await parts(fs.readFileSync(cliChecked)));
    expect(await parts(fs.readFileSync(pageMerged))).toEqual(await parts(fs.readFileSync(cliMerged)));
  });
});

describe('the command line tarball', () => {
  test('installs into an empty prefix with no network and judges a list as the repository’s build does', () => {
    const prefix = path.join(tmp, 'prefix');
    const cache = path.join(tmp, 'npm-cache');
    fs.mkdirSync(prefix);
    // No registry to reach: offline, an empty cache, and a registry address that refuses.
    const env = { ...process.env, npm_config_offline: 'true', npm_config_cache: cache, npm_config_registry: 'http://127.0.0.1:9/', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, path.join(folder, `${NAME}.tgz`)], { encoding: 'utf8', env });
    expect([install.status, install.stderr]).toEqual([0, expect.any(String)]);
    const bin = path.join(prefix, 'bin', 'ntm-awards');
    expect(fs.existsSync(bin)).toBe(true);
    const installed = (args: string[]) => spawnSync(bin, args, { encoding: 'utf8', env });
    expect(installed(['--version']).stdout.trim()).toBe(PRODUCT_VERSION);

    const list = path.join(tmp, 'tarball-check.xlsx');
    fs.copyFileSync(path.join(WORKBOOKS, 'thach-ha-2022.xlsx'), list);
    const a = installed(['check', list, '--plan', 'thach-ha-2022', '--year', '2023', '--json', path.join(tmp, 'installed.json')]);
    const b = cli(['check', list, '--plan', 'thach-ha-2022', '--year', '2023', '--json', path.join(tmp, 'repo.json')]);
    expect([a.status, a.stdout, a.stderr]).toEqual([b.status, b.stdout, b.stderr]);
    expect(fs.readFileSync(path.join(tmp, 'installed.json'), 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'repo.json'), 'utf8'));
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'installed.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, productVersion: PRODUCT_VERSION });
  });
});
