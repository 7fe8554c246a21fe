/**
 * The add-in manifest and the custom functions metadata, checked offline (the Office validator
 * service is out of reach): every resid resolves, the shared runtime is declared and used by every
 * entry point, the NTM namespace, icons present, and the built metadata describes the seven
 * functions in English-id and Vietnamese form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DIST, distFile, readDist, ROOT } from './functions/dist';

// The XML reader office-addin-manifest itself uses (its entry point cannot load under jest, and
// xml2js ships no types): installed with it.
const { parseStringPromise } = require('xml2js') as { parseStringPromise(xml: string): Promise<unknown> };

type Node = { $?: Record<string, string>; [child: string]: unknown };

const IDS = ['ELIGIBLE', 'AWARDTIER', 'MISSING', 'DEADLINE', 'REASONS', 'CHECK', 'PLANS'];
const ORIGIN = 'https://localhost:3000/';

let root: Node;

beforeAll(async () => {
  const parsed = (await parseStringPromise(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'))) as Record<string, Node>;
  root = parsed.OfficeApp;
});

/** Every element named `name` anywhere under `node`, depth first. */
function all(node: unknown, name: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => all(n, name, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Node)) {
      if (key === '$') continue;
      if (key === name) (Array.isArray(value) ? value : [value]).forEach((v) => out.push(v as Node));
      all(value, name, out);
    }
  }
  return out;
}

function one(node: unknown, name: string): Node {
  const found = all(node, name);
  expect(found).toHaveLength(1);
  return found[0];
}

function resources(): Map<string, { kind: string; value: string; overrides: Record<string, string> }> {
  const res = one(root, 'Resources');
  const map = new Map<string, { kind: string; value: string; overrides: Record<string, string> }>();
  for (const [group, item] of [
    ['bt:Images', 'bt:Image'],
    ['bt:Urls', 'bt:Url'],
    ['bt:ShortStrings', 'bt:String'],
    ['bt:LongStrings', 'bt:String'],
  ]) {
    for (const g of all(res, group)) {
      for (const r of (g[item] as Node[]) ?? []) {
        const id = r.$?.id as string;
        expect(map.has(id)).toBe(false);
        const overrides = Object.fromEntries(((r['bt:Override'] as Node[]) ?? []).map((o) => [o.$?.Locale, o.$?.Value]));
        map.set(id, { kind: group, value: r.$?.DefaultValue as string, overrides });
      }
    }
  }
  return map;
}

function residsUsed(): string[] {
  const out: string[] = [];
  const walk = (node: unknown, inResources: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, inResources));
    else if (node && typeof node === 'object') {
      const n = node as Node;
      if (!inResources && n.$?.resid) out.push(n.$.resid);
      for (const [key, value] of Object.entries(n)) if (key !== '$') walk(value, inResources || key === 'Resources');
    }
  };
  walk(root, false);
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** https://localhost:3000/assets/icon-16.png → <dir>/assets/icon-16.png */
function local(url: string, dir: string): string {
  expect(url.startsWith(ORIGIN)).toBe(true);
  return path.join(dir, url.slice(ORIGIN.length).split('?')[0]);
}

describe('manifest.xml', () => {
  test('is a task-pane add-in for Excel workbooks', () => {
    expect(root.$?.['xsi:type']).toBe('TaskPaneApp');
    expect((root.Hosts as Node[])[0].Host).toEqual([{ $: { Name: 'Workbook' } }]);
    expect(one(root, 'Id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('every resid resolves to an image, URL or string resource', () => {
    const res = resources();
    const used = residsUsed();
    expect(used.length).toBeGreaterThan(10);
    for (const id of used) expect({ id, found: res.has(id) }).toEqual({ id, found: true });
    for (const id of res.keys()) expect(id.length).toBeLessThanOrEqual(32);
  });

  test('string resources fit Office’s limits (short 125, long 250 characters)', () => {
    for (const [id, r] of resources()) {
      if (r.kind === 'bt:ShortStrings') expect({ id, ok: r.value.length <= 125 }).toEqual({ id, ok: true });
      if (r.kind === 'bt:LongStrings') expect({ id, ok: r.value.length <= 250 }).toEqual({ id, ok: true });
    }
  });

  test('requires SharedRuntime 1.1', () => {
    const sets = all(one(root, 'Requirements'), 'Set').map((s) => s.$);
    expect(sets).toContainEqual({ Name: 'SharedRuntime', MinVersion: '1.1' });
  });

  test('one long-lived runtime hosts the functions, the pane and the ribbon button', () => {
    const runtime = one(root, 'Runtime').$;
    expect(runtime?.lifetime).toBe('long');
    const page = runtime?.resid;
    const cf = all(root, 'ExtensionPoint').find((e) => e.$?.['xsi:type'] === 'CustomFunctions') as Node;
    expect(one(one(cf, 'Page'), 'SourceLocation').$?.resid).toBe(page);
    expect(one(root, 'FunctionFile').$?.resid).toBe(page);
    const action = all(root, 'Action').find((a) => a.$?.['xsi:type'] === 'ShowTaskpane') as Node;
    expect(one(action, 'SourceLocation').$?.resid).toBe(page);
    expect(resources().get(page as string)?.value).toBe(`${ORIGIN}taskpane.html`);
  });

  test('the custom functions extension point has script, metadata and the NTM namespace', () => {
    const res = resources();
    const cf = all(root, 'ExtensionPoint').find((e) => e.$?.['xsi:type'] === 'CustomFunctions') as Node;
    expect(cf).toBeDefined();
    expect(res.get(one(one(cf, 'Script'), 'SourceLocation').$?.resid as string)?.value).toBe(`${ORIGIN}functions.js`);
    const metadata = res.get(one(one(cf, 'Metadata'), 'SourceLocation').$?.resid as string);
    expect(metadata?.value).toBe(`${ORIGIN}functions.json`);
    expect(metadata?.overrides).toEqual({ 'vi-VN': `${ORIGIN}functions.vi-VN.json` });
    expect(res.get(one(cf, 'Namespace').$?.resid as string)?.value).toBe('NTM');
  });

  test('a ribbon button opens the pane', () => {
    const button = all(root, 'Control').find((c) => c.$?.['xsi:type'] === 'Button') as Node;
    expect(button).toBeDefined();
    expect(all(button, 'Action')[0].$?.['xsi:type']).toBe('ShowTaskpane');
  });

  test('with its long-lived shared runtime, the add-in names no task pane id (one pane only)', () => {
    expect(one(root, 'Runtime').$?.lifetime).toBe('long');
    expect(all(root, 'TaskpaneId')).toEqual([]);
    expect(all(root, 'Action').filter((a) => a.$?.['xsi:type'] === 'ShowTaskpane')).toHaveLength(1);
  });

  test('every icon is a PNG in assets/ of the size it is declared at', () => {
    const res = resources();
    for (const [id, r] of res) {
      if (r.kind !== 'bt:Images') continue;
      const declared = Number(/(\d+)x\1$/.exec(id)?.[1]);
      const size = pngSize(local(r.value, ROOT));
      expect({ id, size }).toEqual({ id, size: { width: declared, height: declared } });
    }
    for (const el of ['IconUrl', 'HighResolutionIconUrl']) pngSize(local(one(root, el).$?.DefaultValue as string, ROOT));
  });
});

describe('the build (dist/)', () => {
  test('contains the manifest and every file the manifest points at', () => {
    expect(readDist('manifest.xml')).toBe(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    for (const r of resources().values()) {
      if (r.kind !== 'bt:Urls' && r.kind !== 'bt:Images') continue;
      for (const url of [r.value, ...Object.values(r.overrides)]) distFile(path.relative(DIST, local(url, DIST)));
    }
    distFile('assets/icon-32.png');
  });

  interface Fn {
    id: string;
    name: string;
    description: string;
    options?: Record<string, boolean>;
    parameters: { name: string; description: string; dimensionality?: string; optional?: boolean; type?: string }[];
    result: { dimensionality?: string; type?: string };
  }

  const metadata = (file: string) => (JSON.parse(readDist(file)) as { functions: Fn[] }).functions;

  test('functions.json has the seven functions, each described, ELIGIBLE taking a range and a plan range', () => {
    const fns = metadata('functions.json');
    expect(fns.map((f) => f.id)).toEqual(IDS);
    for (const f of fns) {
      expect(f.name).toBe(f.id);
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(5);
    }
    const eligible = fns.find((f) => f.id === 'ELIGIBLE') as Fn;
    expect(eligible.parameters.map((p) => [p.name, p.dimensionality ?? 'scalar', p.optional ?? false])).toEqual([
      ['row', 'matrix', false],
      ['headers', 'matrix', true],
      ['plan', 'matrix', true],
    ]);
    // A plan given as a range ('Kế hoạch'!A1:K90) reaches the function only through a matrix parameter.
    for (const id of ['AWARDTIER', 'MISSING', 'DEADLINE', 'REASONS', 'CHECK']) {
      expect(fns.find((f) => f.id === id)?.parameters.find((p) => p.name === 'plan')?.dimensionality).toBe('matrix');
    }
    for (const id of ['ELIGIBLE', 'AWARDTIER', 'MISSING', 'DEADLINE', 'REASONS', 'CHECK']) {
      expect(fns.find((f) => f.id === id)?.options?.requiresParameterAddresses).toBe(true);
    }
    for (const id of ['CHECK', 'PLANS']) expect(fns.find((f) => f.id === id)?.result.dimensionality).toBe('matrix');
  });

  /**
   * The rules of Microsoft's custom functions metadata reference ("Manually create JSON metadata for
   * custom functions"), checked on both files Excel loads.
   */
  test.each(['functions.json', 'functions.vi-VN.json'])('%s follows every documented metadata rule', (file) => {
    const fns = metadata(file);
    const problems: string[] = [];
    const names = new Set<string>();
    for (const f of fns) {
      const where = `${file} ${f.id}`;
      // id: letters, digits and periods; name: starts with a letter, then letters, digits, periods, underscores.
      if (!/^[A-Za-z0-9.]+$/.test(f.id)) problems.push(`${where}: id`);
      if (!/^[A-Za-z][A-Za-z0-9._]*$/.test(f.name)) problems.push(`${where}: name ${f.name}`);
      if (names.has(f.name.toUpperCase())) problems.push(`${where}: duplicate name`);
      names.add(f.name.toUpperCase());
      const o = f.options ?? {};
      // requiresParameterAddresses only with a matrix result.
      if (o.requiresParameterAddresses && f.result.dimensionality !== 'matrix') problems.push(`${where}: requiresParameterAddresses with a ${f.result.dimensionality ?? 'scalar'} result`);
      if (o.stream && o.volatile) problems.push(`${where}: stream and volatile`);
      if (o.cancelable && !o.stream) problems.push(`${where}: cancelable without stream`);
      // Parameters: known types and dimensionalities; no required parameter after an optional one;
      // a repeating parameter only last.
      let optionalSeen = false;
      f.parameters.forEach((p, i) => {
        if (p.type !== undefined && !['boolean', 'number', 'string', 'any'].includes(p.type)) problems.push(`${where}(${p.name}): type ${p.type}`);
        if (p.dimensionality !== undefined && !['scalar', 'matrix'].includes(p.dimensionality)) problems.push(`${where}(${p.name}): dimensionality`);
        if (p.optional) optionalSeen = true;
        else if (optionalSeen) problems.push(`${where}(${p.name}): required after optional`);
        if ((p as { repeating?: boolean }).repeating && i !== f.parameters.length - 1) problems.push(`${where}(${p.name}): repeating not last`);
      });
      if (new Set(f.parameters.map((p) => p.name)).size !== f.parameters.length) problems.push(`${where}: duplicate parameter names`);
      if (f.result.type !== undefined && !['boolean', 'number', 'string', 'any'].includes(f.result.type)) problems.push(`${where}: result type ${f.result.type}`);
      if (f.result.dimensionality !== undefined && !['scalar', 'matrix'].includes(f.result.dimensionality)) problems.push(`${where}: result dimensionality`);
      // The invocation parameter is the runtime's, never listed for the user.
      if (f.parameters.some((p) => p.name === 'invocation')) problems.push(`${where}: invocation listed`);
    }
    expect(problems).toEqual([]);
  });

  test('functions.vi-VN.json has the same ids and parameters, with Vietnamese names and descriptions', () => {
    const en = metadata('functions.json');
    const vi = metadata('functions.vi-VN.json');
    expect(vi.map((f) => f.id)).toEqual(IDS);
    vi.forEach((f, i) => {
      expect(f.name).not.toBe(f.id);
      expect(f.name).toMatch(/^[A-Z][A-Z0-9_.]{2,}$/);
      expect(f.description).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      expect(f.description).not.toContain(' — ');
      expect(f.parameters.map((p) => [p.dimensionality, p.optional, p.type])).toEqual(en[i].parameters.map((p) => [p.dimensionality, p.optional, p.type]));
      expect(f.result).toEqual(en[i].result);
      expect(f.options).toEqual(en[i].options);
    });
    expect(new Set(vi.map((f) => f.name)).size).toBe(IDS.length);
  });
});

/**
 * The Excel 2016/2019 manifest: the same checks as manifest.xml's where they apply, and none of the
 * shared runtime or custom functions that those versions lack (Microsoft's SharedRuntime table
 * stops at Excel 2021 / Microsoft 365 Version 2002).
 */
describe('manifest-excel2016.xml', () => {
  let main: Node;
  beforeAll(async () => {
    main = root;
    const parsed = (await parseStringPromise(fs.readFileSync(path.join(ROOT, 'manifest-excel2016.xml'), 'utf8'))) as Record<string, Node>;
    root = parsed.OfficeApp;
  });
  afterAll(() => {
    root = main;
  });

  test('is a task-pane add-in for Excel workbooks with its own stable id', () => {
    expect(root.$?.['xsi:type']).toBe('TaskPaneApp');
    expect((root.Hosts as Node[])[0].Host).toEqual([{ $: { Name: 'Workbook' } }]);
    expect(one(root, 'Id')).toBe('5b0c1e62-8f3e-4c41-9a57-2d6f0e7c4b19');
    expect(one(root, 'Id')).not.toBe(one(main, 'Id'));
    expect(one(root, 'Version')).toBe(one(main, 'Version'));
  });

  test('every resid resolves, strings fit Office’s limits', () => {
    const res = resources();
    const used = residsUsed();
    expect(used.length).toBeGreaterThan(10);
    for (const id of used) expect({ id, found: res.has(id) }).toEqual({ id, found: true });
    for (const [id, r] of res) {
      if (r.kind === 'bt:ShortStrings') expect({ id, ok: r.value.length <= 125 }).toEqual({ id, ok: true });
      if (r.kind === 'bt:LongStrings') expect({ id, ok: r.value.length <= 250 }).toEqual({ id, ok: true });
    }
  });

  test('asks for ExcelApi 1.1 only: no shared runtime, no custom functions', () => {
    const sets = all(one(root, 'Requirements'), 'Set').map((s) => s.$);
    expect(sets).toEqual([{ Name: 'ExcelApi', MinVersion: '1.1' }]);
    expect(all(root, 'Runtimes')).toEqual([]);
    expect(all(root, 'ExtensionPoint').map((e) => e.$?.['xsi:type'])).toEqual(['PrimaryCommandSurface']);
    expect([...resources().keys()].filter((id) => id.startsWith('Functions.'))).toEqual([]);
  });

  test('a ribbon button opens the same pane page as manifest.xml', () => {
    const actions = all(root, 'Action').filter((a) => a.$?.['xsi:type'] === 'ShowTaskpane');
    expect(actions).toHaveLength(1);
    expect(resources().get('Taskpane.Url')?.value).toBe(`${ORIGIN}taskpane.html`);
    expect(one(one(root, 'DefaultSettings'), 'SourceLocation').$?.DefaultValue).toBe(`${ORIGIN}taskpane.html`);
  });

  test('every icon is a PNG in assets/ of the size it is declared at; the build ships the manifest', () => {
    for (const [id, r] of resources()) {
      if (r.kind !== 'bt:Images') continue;
      const declared = Number(/(\d+)x\1$/.exec(id)?.[1]);
      expect({ id, size: pngSize(local(r.value, ROOT)) }).toEqual({ id, size: { width: declared, height: declared } });
    }
    expect(readDist('manifest-excel2016.xml')).toBe(fs.readFileSync(path.join(ROOT, 'manifest-excel2016.xml'), 'utf8'));
  });
});
