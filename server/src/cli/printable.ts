/**
 * Text for a terminal or a CI log, from names and paths that come from the workspace. A file
 * name or a quoted SQL identifier may hold ESC, CR or LF: written raw, they repaint the
 * terminal or forge lines. And a line that starts with `::` is a workflow command to GitHub
 * Actions, whatever printed it. (`--format github` escapes for that format on its own.)
 */

/** Control characters shown as `\u001b`, never sent. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  // Control characters, line separators, and the direction marks and overrides that reorder
  // what a terminal or log viewer shows (U+200E/F, U+202A-E, U+2066-9).
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A line of human output that no CI reads as a command. */
export function safeLine(line: string): string {
  return line.startsWith('::') ? ` ${line}` : line;
}
