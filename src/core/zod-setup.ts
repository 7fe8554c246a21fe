/**
 * Imported first by every module that builds zod schemas (plan-schema, report-schema): zod's fast
 * path decides when a schema is built whether to compile its parser with `new Function`.
 * - The page's Content-Security-Policy refuses eval, and reports the probe as a violation even
 *   though zod then falls back.
 * - The command line validates a plan or two once per run: compiling a parser costs more than the
 *   one parse it serves (thach-ha-2022's first validation 20–29 ms compiled, 11–15 ms jitless).
 * One setting everywhere also means the page and the command line validate plans the same way.
 */
import { config } from 'zod';

config({ jitless: true });
