/**
 * Import first, before anything that builds zod schemas (src/plans, src/core/plan-schema): zod's
 * fast path decides at schema construction whether to compile parsers with `new Function`, which
 * the page's Content-Security-Policy refuses (and reports as a violation, even though zod falls
 * back). Jitless parsing is plenty for validating five plan files once.
 */
import { config } from 'zod';

config({ jitless: true });
