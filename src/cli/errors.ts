import { ZipError } from '../xlsx/zip-read';

/** An error the user must act on: one line, saying what, where and what to do; carries its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/**
 * An error as plain data, to cross between threads (its class does not cross): its text, its exit
 * code when it is a CliError, and a file-system code when it has one.
 */
export interface ThreadError {
  message: string;
  exitCode?: 1 | 2;
  code?: string;
}

export function toThreadError(e: unknown): ThreadError {
  const code = (e as NodeJS.ErrnoException)?.code;
  return { message: String((e as Error)?.message ?? e), exitCode: e instanceof CliError ? e.exitCode : undefined, code: typeof code === 'string' ? code : undefined };
}

/** The error again on this side: a CliError (the line a person reads) or our own bug. */
export function fromThreadError(e: ThreadError): Error {
  return e.exitCode ? new CliError(e.message, e.exitCode) : new Error(e.message);
}

/** Phrases of JavaScript's own errors, which a user must never read (issue 20). */
const ENGINE_TEXT = /Cannot read propert|Cannot set propert|Invalid (string|array|typed array) length|is not a function|is not defined|is not iterable|Maximum call stack|out of memory|Unexpected token|undefined|null\b|\[object /i;

/**
 * The part of an error that may be shown in a message: its first line, when it is our own text or
 * a parser's position ("2:412: disallowed character."); undefined when it is JavaScript's own.
 */
export function shownDetail(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  if (e.constructor !== Error && !(e instanceof ZipError)) return undefined;
  const first = e.message.split(/\r?\n/)[0].slice(0, 120);
  return first && !ENGINE_TEXT.test(first) ? first : undefined;
}
