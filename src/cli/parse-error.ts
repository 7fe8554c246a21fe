/** node's parseArgs speaks English; its refusals are said again in Vietnamese, naming the option. */
import { MSG } from './messages';

export function parseError(e: Error & { code?: string }, command: string): string {
  const text = e.message.split('\n')[0];
  // "Option '-q, --quiet' does not take an argument": name the long form the user most likely typed.
  const quoted = /'([^']*)'/.exec(text)?.[1] ?? '';
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? /-\w/.exec(quoted)?.[0] ?? quoted;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return MSG.unknownOption(command, option);
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return / argument missing/.test(text) ? MSG.optionNeedsValue(command, option) : MSG.optionTakesNoValue(command, option);
  }
  if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return MSG.unexpectedArgument(command, /'([^']*)'/.exec(text)?.[1] ?? '');
  return MSG.badArguments(command, text.replace(/\. To specify.*$/, ''));
}
