/**
 * Entry of the page outside Excel (index.html, and the one-file ntm-awards.html of a release): the
 * file mode at once, with no office.js to wait for, so the page is usable with the network absent,
 * failing or hanging. Nothing is fetched; files are read in the browser only.
 */
import { failureText } from './messages';
import { startStandalone } from './standalone';
import { PaneView } from './ui';

function start(): void {
  const view = new PaneView(document);
  try {
    startStandalone(view);
  } catch (e) {
    view.error(failureText('Khởi động', e));
  }
}

// The one-file page inlines its scripts, which then run before the body is parsed.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
