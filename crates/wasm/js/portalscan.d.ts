// The portalscan browser API (crates/wasm/js/portalscan.js).

/** A finding exactly as the CLI's JSON report lists it (portalscan_core::Finding). */
export interface Finding {
  rule: string;
  outcome: 'fail' | 'review' | 'pass';
  category: string;
  wcag: string[];
  act: string[];
  url: string;
  selector: string;
  html: string;
  message: string;
  help: string;
  fingerprint: string;
  phi?: unknown;
  [field: string]: unknown;
}

/** The CLI's JSON report contract (see the README, "JSON report"). */
export interface Report {
  version: number;
  tool: { name: 'portalscan'; version: string };
  findings: Finding[];
  errors: { input: string; message: string }[];
  summary: { pages: number; fail: number; review: number; pass?: number; errors: number };
  /** `unknown`: the facts the page could not give, whose rules answer review or nothing. */
  /** `coverage`: what could not be evaluated on the page and why (`complete` when nothing). */
  pages: {
    input: string;
    url: string;
    unknown: string[];
    coverage: { complete: boolean; gaps: { what: string; why: string; rules?: string[] }[] };
    [field: string]: unknown;
  }[];
}

/** The core's snapshot format (crates/core/src/snapshot.rs). */
export interface Snapshot {
  version: number;
  url: string;
  source: 'wasm';
  /** The node arena; or, in the table form, each distinct style once and nodes naming it by index. */
  dom: unknown[] | { styles: Record<string, string>[]; nodes: unknown[] };
  [field: string]: unknown;
}

export interface ScanOptions {
  /** Run only these rule ids. */
  rules?: string[];
  /** Skip these rule ids. */
  skip?: string[];
  /** List passes too (the CLI's --all). */
  all?: boolean;
  /** Key of PHI fingerprints; random per scan when absent. */
  fingerprintKey?: string;
}

export interface Contrast {
  /** The exact ratio, never rounded. */
  ratio: number;
  /** Two decimals, truncated: 4.478 shows as "4.47". */
  ratioText: string;
  foreground: string;
  background: string;
  aa: boolean;
  aaLarge: boolean;
  aaa: boolean;
  aaaLarge: boolean;
  nonText: boolean;
}

/** Loads the Wasm module once (from next to this file unless a URL or module is given). */
export default function init(input?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<unknown>;
export function scan(root?: Document | Element, options?: ScanOptions): Promise<Report>;
export function snapshot(root?: Document | Element): Promise<Snapshot>;
/** A snapshot's JSON text in the table form (a fraction of the size): save this for `portalscan scan`. */
export function snapshotJson(snapshot: Snapshot): string;
export function scanSnapshot(snapshot: Snapshot | string, options?: ScanOptions): Promise<Report>;
export function contrast(foreground: string, background: string, options?: { over?: string }): Contrast;
export function rules(): string[];
/** The report as the CLI's SARIF 2.1.0 text. Throws on text that is not a report. */
export function toSarif(report: Report | string): string;
/** The report as the CLI's self-contained HTML report. Throws on text that is not a report. */
export function toHtml(report: Report | string): string;

/** A contrast level: 1.4.3 (aa, aa-large), 1.4.6 (aaa, aaa-large), 1.4.11 (non-text). */
export type Level = 'aa' | 'aa-large' | 'aaa' | 'aaa-large' | 'non-text';

export interface PairOptions {
  /** The page colour under a translucent background (default white). */
  page?: string;
  /** The level suggestions are searched for (default 'aa'). */
  level?: Level;
  /** Colours to pick the nearest passing palette colour from. */
  palette?: string[];
}

export interface Suggestion {
  changed: 'foreground' | 'background' | 'both';
  fg: string;
  bg: string;
  ratio: number;
  ratioText: string;
  /** ΔEOK from the original pair. */
  distance: number;
}

export interface PalettePick {
  colour: string;
  hex: string;
  ratio: number;
  ratioText: string;
  distance: number;
}

export interface PairCheck {
  ratio: number;
  ratioText: string;
  fg: string;
  bg: string;
  /** The colours as painted (after compositing on the page colour). */
  screen: { fg: string; bg: string };
  verdicts: Record<Level, boolean>;
  level: Level;
  threshold: number;
  passes: boolean;
  /** APCA Lc: informative, not a WCAG 2.2 requirement. */
  apca: number;
  suggestions: Suggestion[];
  palette: { foreground: PalettePick | null; background: PalettePick | null };
  simulations: { deficiency: string; fg: string; bg: string; ratio: number; ratioText: string }[];
}

export interface PaletteMatrix {
  colours: { input: string; hex?: string; error?: string }[];
  /** Rows: text colours; columns: backgrounds; null where a colour did not parse. */
  cells: ({ ratio: number; ratioText: string; best: 'aaa' | 'aa' | 'aa-large' | 'fail' } | null)[][];
}

export function checkPair(foreground: string, background: string, options?: PairOptions): PairCheck;
export function paletteMatrix(colours: string[], options?: { page?: string }): PaletteMatrix;
