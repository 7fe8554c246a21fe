/**
 * The product's version: every output (reports, summary sheets, the pane, `--version`) names what
 * made it. Kept as a constant so that core, the bundles and the command line carry it without
 * reading package.json at run time; tests/core/version.test.ts holds it equal to package.json.
 */
export const PRODUCT_VERSION = '0.1.0';
