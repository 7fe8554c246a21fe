#!/usr/bin/env node
/**
 * `npm run build [-- --base-url https://may-chu.vn/ntm/]`: the TypeScript (tsc), then in one webpack
 * run the add-in, the page and the command line's bundle (build/cli: what bin/ntm-awards runs, as
 * the release ships it), then the plan schema. The address, given here or as
 * NTM_BASE_URL, is where the manifests point (default https://localhost:3000/ for development).
 * Plain JavaScript: it runs before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
let base = process.env.NTM_BASE_URL;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--base-url') base = args[++i];
  else if (a.startsWith('--base-url=')) base = a.slice('--base-url='.length);
  else {
    process.stderr.write(`Không rõ tùy chọn "${a}" — unknown option; dùng: npm run build -- --base-url https://may-chu.vn/ntm/\n`);
    process.exit(2);
  }
}
if (base === undefined && args.includes('--base-url')) base = '';
if (base !== undefined && !base) {
  process.stderr.write('Thiếu địa chỉ sau --base-url — missing address, e.g. https://may-chu.vn/ntm/\n');
  process.exit(2);
}

function run(script, scriptArgs, env) {
  const r = spawnSync(process.execPath, [require.resolve(script, { paths: [root] }), ...scriptArgs], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
run('webpack-cli/bin/cli.js', [
  '--mode',
  'production',
  '--config',
  'webpack.config.js',
  '--config',
  'webpack.cli.config.js',
  ...(base ? ['--env', `baseUrl=${base}`] : []),
]);
run('./build/scripts/plan-schema.js', []);
if (base) process.stdout.write(`dist/ viết cho địa chỉ ${base} (manifests at ${base})\n`);
