/**
 * The JSON report's schema version, apart from its zod schema (report-schema.ts): the command line
 * writes the number into every report, and needs no schema built to do so.
 * It changes when a field is removed or changes meaning; new fields may appear.
 */
export const REPORT_SCHEMA_VERSION = 1;
