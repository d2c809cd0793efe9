// Check a snippet: the pasted HTML and CSS are rendered in a sandboxed frame on this page
// (no scripts run, and the page's policy blocks every request the snippet would make) and
// scanned with portalscan's live-DOM scan(), as the browser extension scans a page.
import { scan } from './pkg/portalscan.js';

const $ = (id) => document.getElementById(id);

function frameFor(html) {
  const frame = document.createElement('iframe');
  frame.title = 'Snippet preview';
  // allow-same-origin only: the checker reads the frame's DOM; the snippet's scripts never run.
  frame.setAttribute('sandbox', 'allow-same-origin');
  frame.srcdoc = '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">' +
    `<title>Snippet</title></head><body>${html}</body></html>`;
  return frame;
}

async function check() {
  const html = $('snippet').value;
  const status = $('snippet-status');
  const list = $('snippet-findings');
  list.replaceChildren();
  if (!html.trim()) {
    status.textContent = 'Paste some HTML first.';
    return;
  }
  status.textContent = 'Checking…';
  const frame = frameFor(html);
  const loaded = new Promise((ok) => frame.addEventListener('load', ok, { once: true }));
  $('snippet-frame-host').replaceChildren(frame);
  await loaded;
  try {
    const report = await scan(frame.contentDocument);
    const shown = report.findings.filter((f) => f.outcome !== 'pass');
    for (const f of shown) {
      const li = document.createElement('li');
      li.className = f.outcome;
      const head = document.createElement('strong');
      head.textContent = `${f.outcome === 'fail' ? 'Fail' : 'Review'}: ${f.rule}`;
      const where = document.createElement('code');
      where.textContent = f.selector;
      li.append(head, ' ', where, document.createElement('br'), f.message);
      list.append(li);
    }
    const fails = shown.filter((f) => f.outcome === 'fail').length;
    status.textContent = `${fails} failure${fails === 1 ? '' : 's'}, ${shown.length - fails} to review.`;
  } catch (e) {
    status.textContent = e.message;
  }
}

export function setupSnippet() {
  $('snippet-check').addEventListener('click', check);
}
