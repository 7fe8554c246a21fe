/**
 * Running the real command line (bin/ntm-awards → build/) in a temporary folder, as a user would:
 * results are compared as { exitCode, stdout, stderr }, with the temporary path normalised.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'ntm-awards');
const BUILT_MAIN = path.join(ROOT, 'build', 'cli', 'main.js');

/** The end-to-end tests run the compiled binary; say how to get it rather than fail obscurely. */
export function assertBuilt(): void {
  if (!fs.existsSync(BUILT_MAIN)) {
    throw new Error(`${path.relative(ROOT, BUILT_MAIN)} is missing: run "npm run build:cli" (npm test builds before running jest)`);
  }
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

// Each run starts a node process that loads exceljs; more at once than cores only queues them.
const MAX_PARALLEL = Math.max(2, os.cpus().length + 1);
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Runs `ntm-awards …args` in `cwd`; the folder's real path is shown as <tmp> in the output. */
export function runCli(args: readonly string[], cwd: string): Promise<RunResult> {
  return slot(
    () =>
      new Promise<RunResult>((resolve, reject) => {
        execFile(BIN, [...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
          const code = err ? (err as NodeJS.ErrnoException & { code?: unknown }).code : 0;
          if (err && typeof code !== 'number') return reject(err);
          const norm = (s: string) => s.split(fs.realpathSync(cwd)).join('<tmp>').split(cwd).join('<tmp>').replace(ANSI, '');
          resolve({ exitCode: code as number, stdout: norm(stdout), stderr: norm(stderr) });
        });
      }),
  );
}

export function tempDir(prefix = 'ntm-awards-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
