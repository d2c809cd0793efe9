// The contrast checker: every number comes from portalscan's Wasm core (pkg/), so the
// page's verdicts are the ones the CLI and crawler give on a real page.
import init, { checkPair, contrast } from './pkg/portalscan.js';
import { setupPalette, paletteColours } from './matrix.js';
import { setupSnippet } from './snippet.js';

const $ = (id) => document.getElementById(id);
const DEFAULTS = { fg: '#0b5cab', bg: '#ffffff', page: '#ffffff', level: 'aa' };
const LEVEL_NAMES = {
  aa: 'AA normal text', 'aa-large': 'AA large text', aaa: 'AAA normal text',
  'aaa-large': 'AAA large text', 'non-text': 'graphics and controls',
};

/** Parses one colour with the core: its hex (`#rrggbb` or `#rrggbbaa`) or an error. */
function parseOne(text, what) {
  try {
    // The core serialises the parsed colour as computed style does: rgb(…) or rgba(…).
    const [r, g, b, a = 1] = contrast(text, '#fff').foreground.match(/[\d.]+/g).map(Number);
    const hex = '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
    return { hex: withAlpha(hex, a) };
  } catch {
    return { error: `Not a ${what} colour the core can read: ${String(text).slice(0, 60)}` };
  }
}

function splitHex(hex) {
  return { rgb: hex.slice(0, 7), alpha: hex.length === 9 ? parseInt(hex.slice(7), 16) / 255 : 1 };
}

function withAlpha(rgb, alpha) {
  if (alpha >= 1) return rgb;
  return rgb + Math.round(alpha * 255).toString(16).padStart(2, '0');
}

const state = { ...DEFAULTS };

function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const k of Object.keys(DEFAULTS)) if (q.get(k)) state[k] = q.get(k);
}

function writeUrl() {
  const q = new URLSearchParams();
  for (const k of Object.keys(DEFAULTS)) q.set(k, state[k]);
  history.replaceState(null, '', `?${q}`);
}

/** Shows the parsed colour on the picker and opacity controls (or the error). */
function syncControls(which, parsed) {
  const input = $(which);
  const error = $(`${which}-error`);
  input.setAttribute('aria-invalid', parsed.error ? 'true' : 'false');
  error.textContent = parsed.error ?? '';
  if (parsed.error || which === 'page') return;
  const { rgb, alpha } = splitHex(parsed.hex);
  $(`${which}-picker`).value = rgb;
  $(`${which}-alpha`).value = String(Math.round(alpha * 100));
  $(`${which}-alpha-out`).textContent = `${Math.round(alpha * 100)}%`;
}

let announceTimer = 0;
function announce(text) {
  // Debounced so a screen reader hears the settled result, not every keystroke.
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { $('announce').textContent = text; }, 600);
}

function render() {
  const parsed = { fg: parseOne(state.fg, 'text'), bg: parseOne(state.bg, 'background'), page: parseOne(state.page, 'page') };
  for (const k of ['fg', 'bg', 'page']) syncControls(k, parsed[k]);
  if (parsed.fg.error || parsed.bg.error || parsed.page.error) {
    $('ratio').textContent = '–';
    announce('Check the colours: one of them cannot be read.');
    return;
  }
  writeUrl();
  const r = checkPair(state.fg, state.bg, { page: state.page, level: state.level, palette: paletteColours() });
  $('ratio').textContent = r.ratioText;
  for (const row of document.querySelectorAll('#verdicts tbody tr')) {
    const ok = r.verdicts[row.dataset.level];
    const cell = row.querySelector('.verdict');
    cell.textContent = ok ? '✓ Pass' : '✗ Fail';
    cell.className = `verdict ${ok ? 'pass' : 'fail'}`;
  }
  $('apca').textContent = r.apca.toFixed(1);
  const preview = $('preview');
  preview.style.color = r.screen.fg;
  preview.style.background = r.screen.bg;
  preview.style.borderColor = r.screen.fg;
  renderSuggestions(r);
  renderCvd(r);
  const failing = Object.entries(r.verdicts).filter(([, ok]) => !ok).map(([l]) => LEVEL_NAMES[l]);
  announce(`Contrast ${r.ratioText} to 1. ${failing.length ? `Fails ${failing.join(', ')}.` : 'Passes every level.'}`);
}

function swatch(fg, bg) {
  const s = document.createElement('span');
  s.className = 'swatch';
  s.setAttribute('aria-hidden', 'true');
  s.style.background = bg;
  const d = document.createElement('span');
  d.className = 'dot';
  d.style.background = fg;
  s.append(d);
  return s;
}

function renderSuggestions(r) {
  const list = $('suggestions');
  list.replaceChildren();
  const level = LEVEL_NAMES[r.level];
  if (r.passes) {
    $('suggest-none').textContent = `The pair passes ${level}: no change needed.`;
    return;
  }
  $('suggest-none').textContent = r.suggestions.length ? `The pair fails ${level}. Nearest passing changes:` : `No colour with this hue passes ${level}.`;
  const what = { foreground: 'Text', background: 'Background', both: 'Both' };
  const items = r.suggestions.map((s) => ({ label: `${what[s.changed]}: ${s.changed === 'background' ? s.bg : s.changed === 'foreground' ? s.fg : `${s.fg} on ${s.bg}`}`, s }));
  for (const [side, pick] of Object.entries(r.palette)) {
    if (!pick) continue;
    const s = side === 'foreground' ? { fg: pick.colour, bg: state.bg } : { fg: state.fg, bg: pick.colour };
    items.push({ label: `Palette ${side === 'foreground' ? 'text' : 'background'}: ${pick.colour}`, s: { ...s, ratioText: pick.ratioText, distance: pick.distance } });
  }
  for (const { label, s } of items) {
    const li = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = `${label} — ${s.ratioText}:1, distance ${s.distance.toFixed(3)}`;
    const apply = document.createElement('button');
    apply.type = 'button';
    apply.textContent = 'Apply';
    apply.setAttribute('aria-label', `Apply ${label}`);
    apply.addEventListener('click', () => {
      state.fg = s.fg;
      state.bg = s.bg;
      $('fg').value = state.fg;
      $('bg').value = state.bg;
      render();
      $('ratio').focus();
    });
    li.append(swatch(s.fg, s.bg), text, apply);
    list.append(li);
  }
}

function renderCvd(r) {
  const list = $('cvd');
  list.replaceChildren();
  for (const sim of r.simulations) {
    const li = document.createElement('li');
    const name = sim.deficiency[0].toUpperCase() + sim.deficiency.slice(1);
    const text = document.createElement('span');
    text.textContent = `${name}: ${sim.ratioText}:1 (${sim.fg} on ${sim.bg})`;
    li.append(swatch(sim.fg, sim.bg), text);
    list.append(li);
  }
}

function bindColour(which) {
  const input = $(which);
  input.value = state[which];
  input.addEventListener('input', () => { state[which] = input.value.trim(); render(); });
  if (which === 'page') return;
  const fromControls = () => {
    state[which] = withAlpha($(`${which}-picker`).value, Number($(`${which}-alpha`).value) / 100);
    input.value = state[which];
    render();
  };
  $(`${which}-picker`).addEventListener('input', fromControls);
  $(`${which}-alpha`).addEventListener('input', fromControls);
  if ('EyeDropper' in window) {
    const button = $(`${which}-eyedropper`);
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        const { sRGBHex } = await new window.EyeDropper().open();
        $(`${which}-picker`).value = sRGBHex;
        fromControls();
      } catch { /* the user cancelled */ }
    });
  }
}

async function main() {
  await init();
  readUrl();
  for (const k of ['fg', 'bg', 'page']) bindColour(k);
  $('level').value = state.level in LEVEL_NAMES ? state.level : 'aa';
  state.level = $('level').value;
  $('level').addEventListener('change', () => { state.level = $('level').value; render(); });
  $('swap').addEventListener('click', () => {
    [state.fg, state.bg] = [state.bg, state.fg];
    $('fg').value = state.fg;
    $('bg').value = state.bg;
    render();
  });
  $('ratio').tabIndex = -1;
  setupPalette(render);
  setupSnippet();
  render();
  document.body.dataset.ready = 'true';
  // Offline use once loaded (needs http(s) or localhost; file:// has no service worker).
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    navigator.serviceWorker.register('sw.js').catch(() => { /* online use still works */ });
  }
}

main().catch((e) => {
  $('announce').textContent = `The checker could not start: ${e.message}`;
  document.body.dataset.ready = 'error';
});
