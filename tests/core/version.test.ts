import fs from 'node:fs';
import path from 'node:path';
import { PRODUCT_VERSION } from '../../src/core/version';

describe('the product version', () => {
  it('is the package version, so that every output names the release that made it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(PRODUCT_VERSION).toBe(pkg.version);
  });
});
