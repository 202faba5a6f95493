/**
 * Escaping text for HTML and SVG, shared by the figures and the explorer.
 *
 * @module
 */

/**
 * Escape text for an HTML or SVG text node or attribute value.
 *
 * @param s - any text
 * @returns the text with `& < > " '` escaped
 */
export function escapeXml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * Shorten a text to at most `max` characters, ending with an ellipsis.
 *
 * @param s - the text
 * @param max - the most characters kept (at least 2)
 * @returns the text, or its shortened form
 */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}
