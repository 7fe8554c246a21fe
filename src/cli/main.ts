/**
 * The command-line entry: the one place that talks to process streams and decides the exit code.
 * Every failure the user can act on arrives as a CliError and is printed as one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCommand, USAGE } from './args';
import { CliError } from './errors';
import { listPlans } from './plans-command';

/** package.json sits two levels up from src/cli and three from build/src/cli. */
function version(): string {
  for (const up of ['../..', '../../..']) {
    const file = path.join(__dirname, up, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    switch (cmd.command) {
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        process.stdout.write(`${version()}\n`);
        return 0;
      case 'plans':
        process.stdout.write(listPlans() + '\n');
        return 0;
      // exceljs takes half a second to load: only the commands that read or write workbooks pay for it.
      case 'template': {
        const { runTemplate } = await import('./template');
        process.stdout.write((await runTemplate(cmd)) + '\n');
        return 0;
      }
      case 'check': {
        const { runCheck } = await import('./check');
        const outcome = await runCheck(cmd, process.stderr);
        for (const line of outcome.lines) process.stdout.write(line + '\n');
        // Files of a folder that could not be checked: the same one-line messages as a single file's.
        for (const line of outcome.errors) process.stderr.write(line + '\n');
        return outcome.exitCode;
      }
    }
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(e.message.split('\n')[0] + '\n');
      return e.exitCode;
    }
    // Anything else is our bug: still one line, and the input is untouched because we never write it.
    process.stderr.write(`ntm-awards: internal error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
