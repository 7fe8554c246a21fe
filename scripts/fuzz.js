#!/usr/bin/env node
// `npm run fuzz -- --n 2000 [--seed 7] [--verbose]`: the suite's seeded fuzz test (tests/robustness/fuzz.test.ts),
// run long. It needs the built command line (npm run build:cli runs first).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const args = process.argv.slice(2);
const value = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const env = { ...process.env, FUZZ_N: value('--n', '500'), FUZZ_SEED: value('--seed', String(Date.now() % 100000)), FUZZ_LONG: '1' };
if (args.includes('--verbose')) env.FUZZ_VERBOSE = '1';
process.stdout.write(`fuzz: ${env.FUZZ_N} cases, seed ${env.FUZZ_SEED} (run again with --seed ${env.FUZZ_SEED})\n`);
const jest = path.join(__dirname, '..', 'node_modules', '.bin', 'jest');
const r = spawnSync(jest, ['tests/robustness/fuzz.test.ts', '-w', '1'], { stdio: 'inherit', env, cwd: path.join(__dirname, '..') });
process.exit(r.status ?? 1);
