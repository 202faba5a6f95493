/**
 * How wide a line of text is drawn, without a browser: the figures are laid
 * out at build time (and in the explorer, before anything is on screen), and
 * a label placed by a guess at its width can run into its neighbour.
 *
 * The advance widths are DejaVu Sans's (what `system-ui` and `sans-serif`
 * resolve to on Debian, and wider than the usual fonts elsewhere: Segoe UI,
 * San Francisco and Roboto all set the same text narrower), measured in
 * chromium in hundredths of an em, for the printable ASCII characters in
 * order from the space, regular and semibold. So a label fits where the
 * layout says on every platform, and exactly so where the figure tests run.
 *
 * @module
 */

const REGULAR =
  '32,40,46,84,64,95,78,27,39,39,50,84,32,36,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,84,53,100,68,69,70,77,63,58,77,75,29,29,66,56,86,75,79,60,79,69,63,61,73,68,99,69,61,69,39,34,39,84,50,50,61,63,55,63,62,35,63,63,28,28,58,28,97,63,61,63,63,41,52,39,63,59,82,59,59,52,64,34,64,84';
const SEMIBOLD =
  '35,46,52,84,70,100,87,31,46,46,52,84,38,42,38,37,70,70,70,70,70,70,70,70,70,70,40,40,84,84,84,58,100,77,76,73,83,68,68,82,84,37,37,77,64,100,84,85,73,85,77,72,68,81,77,110,77,72,73,46,37,46,84,50,50,67,72,59,72,68,44,72,71,34,34,67,34,104,71,69,72,72,49,60,48,71,65,92,65,65,58,71,37,71,84';

/** The few non-ASCII characters the chapters' labels use, regular and semibold. */
const OTHER: Record<string, readonly [number, number]> = {
  '…': [100, 100],
  '’': [32, 38],
  '∅': [87, 86],
  '≤': [84, 84],
  '→': [84, 84],
  δ: [61, 69],
  ε: [54, 56],
  '∪': [73, 81],
  '⊥': [87, 91],
  '×': [84, 84],
  '·': [32, 38],
  '—': [100, 100],
  '–': [50, 50],
};

const table = (s: string) => s.split(',').map(Number);
const widths = [table(REGULAR), table(SEMIBOLD)] as const;

/**
 * The width of a line of text in pixels.
 *
 * @param s - the text (one line)
 * @param size - the font size in pixels
 * @param bold - whether it is set semibold (font-weight 600) or bolder
 * @returns its advance width; a character outside the table counts as 1 em
 */
export function textWidth(s: string, size: number, bold = false): number {
  const w = widths[bold ? 1 : 0];
  let sum = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    sum += c >= 32 && c < 127 ? w[c - 32]! : (OTHER[ch]?.[bold ? 1 : 0] ?? 100);
  }
  return (sum * size) / 100;
}
