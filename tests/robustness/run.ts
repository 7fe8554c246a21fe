/**
 * Running the built command line for the robustness suites: like tests/helpers/cli.ts, plus a
 * private TMPDIR per run (so leftover spill files can be seen), the child process itself (to kill
 * it mid-run) and a bounded queue so that a 2-core machine is not swamped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from '../helpers/cli';

export interface Run {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  done: Promise<Run>;
}

/** Starts `ntm-awards …args` in `cwd` with TMPDIR set to `tmp`. */
export function start(args: readonly string[], cwd: string, tmp: string): Started {
  const child = spawn(BIN, [...args], { cwd, env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Decoded as streams: a character whose bytes arrive in two pieces stays one character.
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stdout?.on('data', (d: string) => (stdout += d));
  child.stderr?.on('data', (d: string) => (stderr += d));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }));
  });
  return { child, done };
}

const LIMIT = 2;
let running = 0;
const queue: (() => void)[] = [];

/** Runs to the end, at most LIMIT at a time. */
export async function run(args: readonly string[], cwd: string, tmp: string): Promise<Run> {
  if (running >= LIMIT) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await start(args, cwd, tmp).done;
  } finally {
    running--;
    queue.shift()?.();
  }
}

const roots: string[] = [];

/** A scenario folder and its private TMPDIR, side by side under one temporary root. */
export function scenario(prefix: string): { dir: string; tmp: string } {
  const root = tempDir(`ntm-awards-robust-${prefix}-`);
  roots.push(root);
  const dir = path.join(root, 'work');
  const tmp = path.join(root, 'tmp');
  fs.mkdirSync(dir);
  fs.mkdirSync(tmp);
  return { dir, tmp };
}

/** name → sha256 of every entry of a folder (hidden files included; folders marked). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    out[name] = fs.statSync(p).isDirectory() ? '<dir>' : crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

/** A stack frame as Node prints it. */
export const STACK_FRAME = /^\s+at\s/m;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Scenario set-ups registered at collection time and run side by side from one top-level
 * beforeAll (`runSetups`), so that the command lines of different describe blocks overlap.
 */
export function setups(): { setup: (fn: () => Promise<void>) => void; runSetups: () => Promise<void> } {
  const jobs: (() => Promise<void>)[] = [];
  return { setup: (fn) => void jobs.push(fn), runSetups: async () => void (await Promise.all(jobs.map((j) => j()))) };
}

/** Removes every scenario folder made so far (afterAll). */
export function removeScenarios(): void {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
