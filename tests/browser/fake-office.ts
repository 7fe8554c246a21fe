/**
 * A stand-in for office.js, served from the Office CDN address to the built pane: `Office` says the
 * host is Excel and keeps document settings in memory; `Excel.run` runs batches on the same fake
 * workbook the adapter tests use (tests/taskpane/fake-excel.ts, transpiled for the page), loaded
 * with a case workbook. The page's own code is the real build; only the host is pretend.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { FakeWorkbook } from '../taskpane/fake-excel';

/** The workbook as plain data, to be rebuilt inside the page. */
function serialise(book: FakeWorkbook): string {
  return JSON.stringify({
    sheets: book.sheets.map((s) => ({ name: s.name, cells: [...s.cells.values()], merges: s.merges })),
  });
}

/**
 * `host.sharedRuntime: false` is Excel 2016/2019 as manifest-excel2016.xml meets it: no SharedRuntime
 * requirement set (the workbook's apiVersion says which ExcelApi it offers).
 */
export function fakeOfficeScript(book: FakeWorkbook, host: { sharedRuntime?: boolean } = {}): string {
  const shared = host.sharedRuntime !== false;
  const source = fs.readFileSync(path.join(__dirname, '../taskpane/fake-excel.ts'), 'utf8');
  const fake = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function () {
  var exports = {};
  var module = { exports: exports };
  ${fake}
  var F = module.exports;
  var data = ${serialise(book)};
  var book = new F.FakeWorkbook();
  data.sheets.forEach(function (s) {
    var sheet = book.addSheet(s.name);
    s.cells.forEach(function (c) { sheet.cells.set(c.row + ':' + c.col, c); });
    sheet.merges = s.merges;
  });
  var saved = {};
  var contexts = [];
  window.__fake = { book: book, saved: saved, contexts: contexts };
  window.Office = {
    HostType: { Excel: 'Excel' },
    onReady: function () { return Promise.resolve({ host: 'Excel', platform: 'PC' }); },
    context: { requirements: { isSetSupported: function (name, version) {
      if (name === 'SharedRuntime') return ${shared} && version === '1.1';
      return name === 'ExcelApi' && book.supports(version);
    } },
      document: { settings: {
      get: function (n) { return Object.prototype.hasOwnProperty.call(saved, n) ? JSON.parse(saved[n]) : null; },
      set: function (n, v) { saved[n] = JSON.stringify(v); },
      saveAsync: function (cb) { if (cb) cb({ status: 'succeeded' }); }
    } } }
  };
  window.Excel = { run: function (batch) { var ctx = new F.FakeContext(book); contexts.push(ctx); return batch(ctx); } };
})();`;
}
