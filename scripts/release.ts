/**
 * `npm run release -- --base-url https://may-chu.vn/ntm/` (or NTM_BASE_URL): builds everything for
 * that address and writes release/ntm-awards-<version>/ and its zip:
 *   web/                      the add-in and the page, for any static HTTPS host (manifests for the address)
 *   ntm-awards.html           the page outside Excel as one file: scripts, styles, icons and plans inlined
 *   ntm-awards-<version>.tgz  the command line, bundled: `npm install -g` fetches and compiles nothing
 *   schemas/                  plan.schema.json and report.schema.json
 *   CHANGELOG.md, SHA256SUMS
 * `--out <folder>` writes somewhere else than release/ (tests).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { planJsonSchema } from '../src/core/plan-json-schema';
import { reportJsonSchema } from '../src/core/report-schema';
import { PRODUCT_VERSION } from '../src/core/version';
import { oneFilePage } from './one-file-page';

const ROOT = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '../package.json')) ? '' : '..');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parse(args: string[]): { base: string; out: string } {
  let base = process.env.NTM_BASE_URL ?? '';
  let out = path.join(ROOT, 'release');
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    const value = inline ?? args[++i];
    if (flag === '--base-url') base = value ?? '';
    else if (flag === '--out') out = path.resolve(value ?? '');
    else fail(`Không rõ tùy chọn "${args[i]}" — unknown option; dùng: npm run release -- --base-url https://may-chu.vn/ntm/`);
  }
  if (!base) fail('Cần địa chỉ máy chủ của cơ quan: npm run release -- --base-url https://may-chu.vn/ntm/ — a release needs the office\'s HTTPS address (or NTM_BASE_URL).');
  return { base, out };
}

function run(file: string, args: string[], cwd = ROOT): void {
  const r = spawnSync(file, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) fail(`Lỗi khi chạy ${path.basename(file)} ${args.join(' ')} — step failed`);
}

export function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

const LAUNCHER = `#!/usr/bin/env node
// ntm-awards: everything is in lib/ (bundled JavaScript); nothing to build or fetch.
require('../lib/main.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
`;

/** The npm package of the command line: package.json with no dependencies, a launcher and the bundle. */
function cliPackage(stage: string, folder: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.mkdirSync(path.join(stage, 'bin'), { recursive: true });
  run(process.execPath, [require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] }), '--config', 'webpack.cli.config.js', '--env', `out=${path.join(stage, 'lib')}`]);
  fs.writeFileSync(path.join(stage, 'bin', 'ntm-awards.js'), LAUNCHER, { mode: 0o755 });
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify(
      {
        name: pkg.name,
        version: PRODUCT_VERSION,
        description: pkg.description,
        license: pkg.license,
        bin: { 'ntm-awards': 'bin/ntm-awards.js' },
        engines: pkg.engines,
        files: ['bin', 'lib', 'schemas', 'CHANGELOG.md'],
      },
      null,
      2,
    ) + '\n',
  );
  copyDir(path.join(folder, 'schemas'), path.join(stage, 'schemas'));
  fs.copyFileSync(path.join(ROOT, 'CHANGELOG.md'), path.join(stage, 'CHANGELOG.md'));
  fs.writeFileSync(
    path.join(stage, 'README.md'),
    `# ntm-awards ${PRODUCT_VERSION}\n\nKiểm tra danh sách đề nghị khen thưởng theo kế hoạch phong trào thi đua NTM.\n\n` +
      '```\nnpm install -g ./ntm-awards-' + PRODUCT_VERSION + '.tgz\nntm-awards plans\nntm-awards check danh-sach.xlsx --plan thach-ha-2022\n```\n',
  );
  const r = spawnSync('npm', ['pack', '--pack-destination', folder, '--offline', '--ignore-scripts', '--silent'], { cwd: stage, encoding: 'utf8' });
  if (r.status !== 0) fail(`npm pack thất bại — failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop() ?? '';
}

async function zipFolder(folder: string, name: string, target: string): Promise<void> {
  const zip = new JSZip();
  // A fixed date: the same release makes the same zip.
  const date = new Date(Date.UTC(2000, 0, 1));
  for (const f of filesUnder(folder)) zip.file(`${name}/${f}`, fs.readFileSync(path.join(folder, f)), { date });
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', platform: 'UNIX' });
  fs.writeFileSync(`${target}.tmp`, bytes);
  fs.renameSync(`${target}.tmp`, target);
}

async function main(): Promise<void> {
  const { base, out } = parse(process.argv.slice(2));
  const name = `ntm-awards-${PRODUCT_VERSION}`;
  const folder = path.join(out, name);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  const web = path.join(folder, 'web');
  // The add-in and the page for the office's address, built straight into web/ (dist/ stays the development build).
  run(process.execPath, [require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] }), '--mode', 'production', '--env', `baseUrl=${base}`, '--env', `outDir=${web}`]);
  fs.mkdirSync(path.join(folder, 'schemas'));
  for (const [file, schema] of [
    ['plan.schema.json', planJsonSchema()],
    ['report.schema.json', reportJsonSchema()],
  ] as const) {
    const text = JSON.stringify(schema, null, 2) + '\n';
    fs.writeFileSync(path.join(folder, 'schemas', file), text);
    fs.writeFileSync(path.join(web, file), text);
  }
  const page = oneFilePage(web);
  fs.writeFileSync(path.join(folder, 'ntm-awards.html'), page);
  fs.copyFileSync(path.join(ROOT, 'CHANGELOG.md'), path.join(folder, 'CHANGELOG.md'));

  const stage = fs.mkdtempSync(path.join(out, '.stage-'));
  try {
    cliPackage(stage, folder);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }

  const sums = filesUnder(folder)
    .filter((f) => f !== 'SHA256SUMS')
    .map((f) => `${crypto.createHash('sha256').update(fs.readFileSync(path.join(folder, f))).digest('hex')}  ${f}`);
  fs.writeFileSync(path.join(folder, 'SHA256SUMS'), sums.join('\n') + '\n');
  await zipFolder(folder, name, path.join(out, `${name}.zip`));

  const kb = (f: string) => `${Math.round(fs.statSync(f).size / 1024)} KB`;
  process.stdout.write(
    `Đã tạo ${path.relative(process.cwd(), folder)} (${base}):\n` +
      `  ntm-awards.html ${kb(path.join(folder, 'ntm-awards.html'))}, ${name}.tgz ${kb(path.join(folder, `${name}.tgz`))}, ${name}.zip ${kb(path.join(out, `${name}.zip`))}\n`,
  );
}

main().catch((e) => fail(`Không tạo được bản phát hành — release failed: ${(e as Error).message}`));
