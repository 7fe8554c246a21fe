/**
 * The pane's Content-Security-Policy in Chromium: what office.js needs in Excel on the web (inline
 * styles, an iframe of its own CDN) is allowed; eval, inline scripts and any other host are refused.
 */
import { openPane, startHarness, type Harness } from './harness';

jest.setTimeout(60_000);

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

test('inline styles and an Office CDN iframe pass; eval, an inline script and a foreign frame are refused', async () => {
  const w = await openPane(h);
  await w.page.waitForSelector('#file-box:not([hidden])');
  const got = await w.page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    // A string timer is compiled by the page itself, as eval would be (code run from the test
    // harness is exempt from the page's CSP, so a direct eval here would prove nothing).
    window.setTimeout('window.__evalRan = true', 0);
    // What office.js does in Excel on the web: a style attribute and a <style> element.
    const div = document.createElement('div');
    div.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(div);
    const style = document.createElement('style');
    style.textContent = '#probe-b { color: rgb(4, 5, 6); }';
    document.head.append(style);
    const b = document.createElement('div');
    b.id = 'probe-b';
    document.body.append(b);
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true;';
    document.body.append(script);
    for (const src of ['https://appsforoffice.microsoft.com/lib/1/hosted/frame.html', 'https://example.com/']) {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }
    // Violation events are queued as tasks: let them arrive.
    for (let i = 0; i < 100 && violations.length < 3 || !document.querySelectorAll('iframe').length; i++) await new Promise((r) => setTimeout(r, 0));
    return {
      evalRan: (window as unknown as { __evalRan?: boolean }).__evalRan ?? false,
      attribute: getComputedStyle(div).color,
      element: getComputedStyle(b).color,
      inline: (window as unknown as { __inline?: boolean }).__inline ?? false,
      violations,
    };
  });
  expect(got.evalRan).toBe(false);
  expect(got.attribute).toBe('rgb(1, 2, 3)');
  expect(got.element).toBe('rgb(4, 5, 6)');
  expect(got.inline).toBe(false);
  expect(got.violations.filter((v) => v.startsWith('script-src')).length).toBeGreaterThanOrEqual(2);
  expect(got.violations.filter((v) => v.startsWith('frame-src'))).toEqual(['frame-src https://example.com']);
  expect(got.violations.filter((v) => v.startsWith('style-src'))).toEqual([]);
  await w.context.close();
});
