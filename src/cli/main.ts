/**
 * The command-line entry: the one place that talks to process streams and decides the exit code.
 * Every failure the user can act on arrives as a CliError and is printed as one line.
 */
import { parseCommand, USAGE } from './args';
import { runCheck } from './check';
import { CliError } from './errors';
import { listPlans } from './plans-command';
import { runTemplate } from './template';

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    switch (cmd.command) {
      case 'help':
        process.stdout.write(USAGE + '\n');
        return 0;
      case 'version':
        process.stdout.write(`${require('../../package.json').version}\n`);
        return 0;
      case 'plans':
        process.stdout.write(listPlans() + '\n');
        return 0;
      case 'template':
        process.stdout.write((await runTemplate(cmd)) + '\n');
        return 0;
      case 'check': {
        const outcome = await runCheck(cmd, process.stderr);
        for (const line of outcome.lines) process.stdout.write(line + '\n');
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
