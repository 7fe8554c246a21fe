/**
 * The page outside Excel as one file (ntm-awards.html of a release): dist/index.html with its
 * scripts, stylesheet and icon inlined, so a clerk can be emailed one file and open it from disk
 * with no network and no other file. The scripts go at the end of the body (inline scripts cannot
 * be deferred), and the page's CSP allows exactly these scripts and this style by their hashes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const sha256 = (text: string) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** `</script` inside a script would end it early; `<\/script` means the same to JavaScript. */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

/** Bundles of the add-in inside Excel, which the page outside Excel never runs. */
const ENTRIES_ELSEWHERE = new Set(['functions.js', 'taskpane.js']);

export function oneFilePage(dist: string): string {
  const before = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  let html = before;
  const read = (ref: string) => fs.readFileSync(path.join(dist, decodeURIComponent(ref)), 'utf8');

  const scripts: string[] = [];
  html = html.replace(/<script\b[^>]*\bsrc="?([^"\s>]+)"?[^>]*><\/script>/g, (_, src: string) => {
    scripts.push(scriptSafe(read(src)));
    return '';
  });
  if (!scripts.length) throw new Error('dist/index.html has no script to inline');
  // The parts the page loads on demand (a plan workbook's reader…) are inlined too, before the
  // page's own script: they register themselves, so nothing is ever fetched from disk.
  const inlined = new Set([...before.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)"?/g)].map((m) => decodeURIComponent(m[1])));
  const onDemand = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.js') && !inlined.has(f) && !ENTRIES_ELSEWHERE.has(f))
    .sort()
    .map((f) => scriptSafe(read(f)));
  scripts.unshift(...onDemand);

  const styles: string[] = [];
  html = html.replace(/<link\b[^>]*\brel="?stylesheet"?[^>]*\bhref="?([^"\s>]+)"?[^>]*>/g, (_, href: string) => {
    const css = read(href).replace(/<\/(style)/gi, '<\\/$1');
    styles.push(css);
    return `<style>${css}</style>`;
  });
  html = html.replace(/<link\b[^>]*\brel="?icon"?[^>]*\bhref="?([^"\s>]+)"?[^>]*>/g, (_, href: string) => {
    const png = fs.readFileSync(path.join(dist, decodeURIComponent(href))).toString('base64');
    return `<link rel="icon" href="data:image/png;base64,${png}">`;
  });

  const csp =
    `default-src 'none'; script-src ${scripts.map(sha256).join(' ')}; style-src ${styles.map(sha256).join(' ')}; ` +
    `img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;
  const unchanged = html;
  html = html.replace(/<meta http-equiv="?Content-Security-Policy"? content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  if (html === unchanged) throw new Error('dist/index.html has no Content-Security-Policy to replace');
  const body = html.lastIndexOf('</body>');
  if (body < 0) throw new Error('dist/index.html has no </body>');
  return html.slice(0, body) + scripts.map((s) => `<script>${s}</script>`).join('') + html.slice(body);
}
