/**
 * Fitting what the command prints to the terminal: a table too wide for it
 * has its text columns wrapped, widest first (numbers are never cut or
 * wrapped); a table that cannot fit even so is shown row by row, after one
 * line that says how to see it whole (`--wide`); a line of prose too long
 * is wrapped at its spaces (its paragraph reflowed). Output that is not to
 * a terminal is printed as it is, byte for byte (the transcripts show the
 * same text), unless COLUMNS names a width.
 *
 * The tables are the library's `textTable`s (a header, a rule of dashes,
 * columns two spaces apart), found in the text by their rule, so that the
 * chapters' demos and explanations are fitted the same way as the
 * command's own tables.
 *
 * @module
 */

/**
 * Text columns are not narrowed below this, nor below their longest header
 * word and longest number (nor their longest word, unless that cannot fit).
 */
const MIN_COLUMN = 10;
/** The space between two columns of a `textTable`. */
const GAP = 2;
/** A cell that is a number: its column is never narrowed. */
const NUMBER = /^[-+]?\d+(?:\.\d+)?%?$/;
/** Numbers inside a text (and replay paths such as 12:3:0): a line is never broken inside one. */
const NUMBERS = /-?\d+(?:[.:]\d+)*/g;

/** What the width is read from: standard output. */
export interface Terminal {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * The width to fit output to: COLUMNS if it is a positive whole number,
 * else the terminal's width if standard output is a terminal, else none.
 *
 * @param wide - `--wide`: fit nothing
 * @param env - the environment (COLUMNS)
 * @param stdout - standard output
 * @returns the width, or undefined to print everything as it is
 */
export function outputWidth(
  wide: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
  stdout: Terminal = process.stdout,
): number | undefined {
  if (wide) return undefined;
  const c = env.COLUMNS?.trim() ?? '';
  if (/^\d+$/.test(c) && Number(c) > 0) return Number(c);
  if (stdout.isTTY === true && stdout.columns !== undefined && stdout.columns > 0)
    return stdout.columns;
  return undefined;
}

/** The [start, end) spans of the numbers in a text. */
function numberSpans(s: string): [number, number][] {
  return [...s.matchAll(NUMBERS)].map((m) => [m.index, m.index + m[0].length]);
}

/** The longest number in a text (0 if none). */
function longestNumber(s: string): number {
  return Math.max(0, ...numberSpans(s).map(([a, b]) => b - a));
}

/**
 * Where to break a word that is longer than the room left: after the last
 * punctuation (or before the last capital in camelCase) that fits, else at
 * the room's end; never inside a number. If
 * a number starting the word is itself longer than the room, after it (the
 * line is then too long, but the number whole).
 *
 * @returns the index to break at, or 0 for nowhere
 */
function breakAt(word: string, room: number): number {
  const spans = numberSpans(word);
  const allowed = (i: number) =>
    i > 0 && i < word.length && !spans.some(([a, b]) => a < i && i < b);
  for (let i = Math.min(room, word.length - 1); i > 0; i--)
    if (
      allowed(i) &&
      (/[,;:()[\]{}/|=-]/.test(word[i - 1]!) || /[a-z][A-Z]/.test(word.slice(i - 1, i + 1)))
    )
      return i;
  for (let i = Math.min(room, word.length - 1); i > 0; i--) if (allowed(i)) return i;
  for (let i = room + 1; i < word.length; i++) if (allowed(i)) return i;
  return 0;
}

/**
 * Wrap a text to lines of at most `width` characters: at spaces, a word
 * longer than a line broken where {@link breakAt} says. Continuation lines
 * keep the text's indentation.
 *
 * @param text - one line of text
 * @param width - the longest line wanted
 * @returns the lines (one, the text itself, if it fits)
 */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const indent = /^ */.exec(text)![0];
  const hang = indent.length <= width / 2 ? indent : '';
  const lines: string[] = [];
  let line = indent;
  let fresh = true;
  for (const word of text.slice(indent.length).split(' ')) {
    const sep = fresh ? '' : ' ';
    if (line.length + sep.length + word.length <= width) {
      line += sep + word;
      fresh = false;
      continue;
    }
    if (!fresh) {
      lines.push(line);
      line = hang;
    }
    let rest = word;
    while (line.length + rest.length > width) {
      const cut = breakAt(rest, width - line.length);
      if (cut === 0) break;
      lines.push(line + rest.slice(0, cut));
      line = hang;
      rest = rest.slice(cut);
    }
    line += rest;
    fresh = false;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd());
}

/** A table's lines: one per row (or one per line of a row whose cells wrap). */
function render(cells: readonly (readonly string[])[][], widths: readonly number[]): string[] {
  const out: string[] = [];
  for (const row of cells) {
    const height = Math.max(1, ...row.map((c) => c.length));
    for (let k = 0; k < height; k++)
      out.push(
        row
          .map((c, i) => (i === row.length - 1 ? (c[k] ?? '') : (c[k] ?? '').padEnd(widths[i]!)))
          .join(' '.repeat(GAP))
          .trimEnd(),
      );
  }
  return out;
}

/** The one line that says a table is shown row by row, and how to see it whole. */
export function rowByRowNote(tableWidth: number): string {
  return `${tableWidth}-column table shown row by row; --wide prints it whole`;
}

/**
 * A table fitted to a width, as `textTable` would lay it out if it fits:
 * text columns are narrowed, the widest first, and their cells wrapped;
 * numeric columns keep their width. If even the narrowest text columns do
 * not fit, each row is a block of `column  value` lines, after
 * {@link rowByRowNote}.
 *
 * @param head - the column titles
 * @param rows - the cells
 * @param width - the width to fit
 * @returns the lines, or undefined if the table fits as it is
 */
export function fitTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
): string[] | undefined {
  return layOut(head, rows, width)?.lines;
}

/** {@link fitTable}, and whether the table is shown row by row. */
function layOut(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
): { lines: string[]; byRow: boolean } | undefined {
  const n = head.length;
  const col = (i: number) => rows.map((r) => r[i] ?? '');
  const natural = head.map((h, i) => Math.max(h.length, ...col(i).map((c) => c.length)));
  const gaps = GAP * (n - 1);
  const total = natural.reduce((a, b) => a + b, 0) + gaps;
  if (total <= width) return undefined;
  const numeric = head.map((_, i) => col(i).every((c) => c.trim() === '' || NUMBER.test(c.trim())));
  const budget = width - gaps - natural.filter((_, i) => numeric[i]).reduce((a, b) => a + b, 0);
  const longestWord = (s: string) => Math.max(0, ...s.split(' ').map((w) => w.length));
  // Text columns wrap at spaces only if they can, else also inside words (never inside numbers).
  for (const whole of [true, false]) {
    const least = head.map((h, i) =>
      numeric[i]
        ? natural[i]!
        : Math.min(
            natural[i]!,
            Math.max(
              MIN_COLUMN,
              longestWord(h),
              ...col(i).map(whole ? longestWord : longestNumber),
            ),
          ),
    );
    const at = (cap: number) =>
      head.map((_, i) =>
        numeric[i] ? natural[i]! : Math.max(least[i]!, Math.min(natural[i]!, cap)),
      );
    const textSum = (ws: number[]) => ws.reduce((a, w, i) => a + (numeric[i] ? 0 : w), 0);
    // The widest text columns are narrowed first: the largest cap on their width that fits.
    let cap = Math.max(...natural);
    while (cap > 0 && textSum(at(cap)) > budget) cap--;
    const widths = at(cap);
    if (textSum(widths) > budget) continue;
    const wrap = (r: readonly string[]) =>
      head.map((_, i) => (numeric[i] ? [r[i] ?? ''] : wrapText(r[i] ?? '', widths[i]!)));
    const cells = [wrap(head), widths.map((w) => ['-'.repeat(w)]), ...rows.map(wrap)];
    const lines = render(cells, widths);
    if (lines.every((l) => l.length <= width)) return { lines, byRow: false };
  }
  return { lines: rowByRow(head, rows, width, total), byRow: true };
}

/** Each row as a block of `column  value` lines, after the line that says how to see the table whole. */
function rowByRow(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
  tableWidth: number,
): string[] {
  const label = Math.max(...head.map((h) => h.length));
  // Values beside their column's name, or, if that leaves too little room, under it.
  const beside = width - label - GAP >= MIN_COLUMN;
  const indent = beside ? label + GAP : GAP;
  const out = wrapText(rowByRowNote(tableWidth), width);
  for (const r of rows) {
    out.push('');
    head.forEach((h, i) => {
      const v = (r[i] ?? '').trimEnd();
      if (v.trim() === '') return;
      const ls = wrapText(v, Math.max(MIN_COLUMN, width - indent));
      if (!beside) out.push(...wrapText(h, width));
      ls.forEach((l, k) => {
        out.push(`${(beside && k === 0 ? h : '').padEnd(indent)}${l}`.trimEnd());
      });
    });
  }
  return out;
}

/** The columns of a `textTable`'s rule line (`----  --  -----`): where each starts and how wide. */
function ruleColumns(line: string): { start: number; width: number }[] | undefined {
  if (!/^-+(?: {2}-+)*$/.test(line)) return undefined;
  const cols: { start: number; width: number }[] = [];
  for (const m of line.matchAll(/-+/g)) cols.push({ start: m.index, width: m[0].length });
  return cols;
}

/** Could this line be a row of the table with this rule: no longer, and blank between the columns? */
function isRow(line: string, rule: readonly { start: number; width: number }[]): boolean {
  const last = rule[rule.length - 1]!;
  if (line.trim() === '' || line.length > last.start + last.width) return false;
  return rule.every((c, i) => i === 0 || line.slice(c.start - GAP, c.start).trim() === '');
}

/** A row's cells, cut from its line at the rule's columns. */
function cellsOf(line: string, rule: readonly { start: number; width: number }[]): string[] {
  return rule.map((c, i) =>
    (i === rule.length - 1
      ? line.slice(c.start)
      : line.slice(c.start, c.start + c.width)
    ).trimEnd(),
  );
}

/** The length of a line's indentation. */
const indentOf = (l: string) => l.length - l.trimStart().length;

/**
 * Does the line after line `i` continue its sentence: as indented, not a
 * table's header, and begun in lower case after a line that does not end
 * with a colon?
 */
function continues(lines: readonly string[], i: number): boolean {
  const [line, next, after] = [lines[i]!, lines[i + 1], lines[i + 2]];
  return (
    next !== undefined &&
    indentOf(next) === indentOf(line) &&
    /^[a-z(]/.test(next.trimStart()) &&
    !line.trimEnd().endsWith(':') &&
    (after === undefined || ruleColumns(after) === undefined)
  );
}

/** If a `textTable` starts at line `i` (its header; its rule next): where it ends. */
function tableEnd(lines: readonly string[], i: number): number | undefined {
  const rule = i + 1 < lines.length ? ruleColumns(lines[i + 1]!) : undefined;
  if (!rule || !isRow(lines[i]!, rule)) return undefined;
  let j = i + 2;
  while (j < lines.length && isRow(lines[j]!, rule)) j++;
  return j;
}

/** Fit lines to a width (see {@link fitText}). */
function fitLines(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  let carry: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const end = tableEnd(lines, i);
    if (end !== undefined) {
      const rule = ruleColumns(lines[i + 1]!)!;
      const fitted = layOut(
        cellsOf(lines[i]!, rule),
        lines.slice(i + 2, end).map((l) => cellsOf(l, rule)),
        width,
      );
      out.push(...(fitted?.lines ?? lines.slice(i, end)));
      // Rows shown as blocks end with a blank line, as they are separated.
      if (fitted?.byRow && end < lines.length && lines[end]!.trim() !== '') out.push('');
      i = end - 1;
      continue;
    }
    // A line too long is wrapped, and what is left of it begins the next
    // line if that continues the sentence, so a paragraph stays one.
    const line = carry === undefined ? lines[i]! : `${carry} ${lines[i]!.trimStart()}`;
    carry = undefined;
    const wrapped = wrapText(line, width);
    if (wrapped.length > 1 && continues(lines, i)) carry = wrapped.pop();
    out.push(...wrapped);
  }
  if (carry !== undefined) out.push(carry);
  return out;
}

/**
 * Fit printed text to a width: each `textTable` in it by {@link fitTable},
 * each other line too long wrapped by {@link wrapText} (its paragraph
 * reflowed from there). Tables and lines that fit are left as they are.
 *
 * @param text - what is to be printed (lines joined by newlines)
 * @param width - the width, or undefined to leave the text as it is
 * @returns the text fitted
 */
export function fitText(text: string, width: number | undefined): string {
  return width === undefined ? text : fitLines(text.split('\n'), width).join('\n');
}

/** Printing fitted text, a piece at a time. */
export interface Fitter {
  /** Print a text (lines joined by newlines), fitted. */
  readonly say: (text: string) => void;
  /** Print what is held back. */
  readonly flush: () => void;
}

/**
 * Print texts fitted to a width as they come, as {@link fitText} would fit
 * them all at once: a paragraph printed a line at a time is held back while
 * its lines are too long, so that it is reflowed as one.
 *
 * @param width - the width
 * @param write - where a fitted text goes (a newline is added)
 * @returns the printer; call `flush` before printing anything else, and at the end
 */
export function fitter(width: number, write: (text: string) => void): Fitter {
  let held: string[] = [];
  const flush = () => {
    if (held.length) write(fitLines(held, width).join('\n'));
    held = [];
  };
  const say = (text: string) => {
    const lines = [...held, ...text.split('\n')];
    held = [];
    // Which lines are tables'.
    const inTable = lines.map(() => false);
    for (let i = 0; i < lines.length; i++) {
      const end = tableEnd(lines, i);
      if (end === undefined) continue;
      for (let k = i; k < end; k++) inTable[k] = true;
      i = end - 1;
    }
    let k = lines.length;
    while (k > 0 && !inTable[k - 1] && lines[k - 1]!.length > width) k--;
    if (k > 0) write(fitLines(lines.slice(0, k), width).join('\n'));
    held = lines.slice(k);
  };
  return { say, flush };
}
