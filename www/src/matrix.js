// The palette matrix: every text × background pair of a pasted list (or the SLDS palette,
// extracted at build time into slds-palette.json), with CSV export.
import { paletteMatrix } from './pkg/portalscan.js';

const $ = (id) => document.getElementById(id);
const LABEL = { aaa: 'AAA', aa: 'AA', 'aa-large': 'AA large', fail: 'Fail' };

/** `name: colour` or `colour` lines; no CSS colour contains a colon. */
export function parseLines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return at > 0 ? { name: line.slice(0, at).trim(), value: line.slice(at + 1).trim() } : { name: line, value: line };
  });
}

let entries = [];
let matrix = null;

/** The loaded palette's colour values (the pair check picks its nearest passing colour). */
export function paletteColours() {
  return entries.map((e) => e.value);
}

function renderMatrix() {
  matrix = paletteMatrix(entries.map((e) => e.value));
  const bad = matrix.colours.filter((c) => c.error).length;
  $('palette-status').textContent = `${entries.length} colours, ${entries.length ** 2} pairs` + (bad ? `; ${bad} could not be read` : '') + '. Rows: text; columns: background.';
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  const corner = document.createElement('th');
  corner.scope = 'col';
  corner.textContent = 'Text \\ background';
  head.append(corner);
  for (const e of entries) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = e.name;
    head.append(th);
  }
  const body = table.createTBody();
  matrix.cells.forEach((row, i) => {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = entries[i].name;
    tr.append(th);
    row.forEach((cell, j) => {
      const td = tr.insertCell();
      if (!cell) { td.textContent = '–'; return; }
      // A swatch, not text in the pair's colours: failing pairs stay legible in the grid.
      const sw = document.createElement('span');
      sw.className = 'swatch';
      sw.setAttribute('aria-hidden', 'true');
      sw.style.background = matrix.colours[j].hex;
      const dot = document.createElement('span');
      dot.className = 'dot';
      dot.style.background = matrix.colours[i].hex;
      sw.append(dot);
      td.append(sw, ` ${cell.ratioText} ${LABEL[cell.best]}`);
    });
  });
  $('matrix').replaceChildren(table);
  $('matrix').hidden = false;
  $('palette-csv').disabled = false;
}

const csvField = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One line per pair: text, background, their values, ratio (truncated) and best level. */
export function toCsv() {
  const lines = ['text,text_value,background,background_value,ratio,level'];
  matrix.cells.forEach((row, i) => row.forEach((cell, j) => {
    if (!cell) return;
    lines.push([entries[i].name, entries[i].value, entries[j].name, entries[j].value, cell.ratioText, cell.best].map(csvField).join(','));
  }));
  return lines.join('\n') + '\n';
}

export function setupPalette(onChange) {
  const check = () => {
    entries = parseLines($('palette').value);
    if (!entries.length) {
      $('palette-status').textContent = 'Paste at least one colour.';
      return;
    }
    renderMatrix();
    onChange();
  };
  $('palette-check').addEventListener('click', check);
  $('palette-slds').addEventListener('click', async () => {
    const tokens = await (await fetch('slds-palette.json')).json();
    $('palette').value = tokens.map((t) => `${t.name}: ${t.value}`).join('\n');
    check();
  });
  $('palette-csv').addEventListener('click', () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([toCsv()], { type: 'text/csv' }));
    a.download = 'palette-contrast.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
}
