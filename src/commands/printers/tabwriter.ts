/**
 * Go's text/tabwriter as kubectl configures it (minwidth 6, tabwidth 4, padding 3, padchar ' ',
 * RememberWidths): every cell but a line's last is padded to its column's width; the last cell of a
 * line is written as is. With remembered widths (one `get -w` session) columns never shrink.
 */
export class TabWriter {
  private widths: number[] = [];

  constructor(
    private readonly minWidth = 6,
    private readonly padding = 3,
  ) {}

  /** Lays out rows of cells and returns the text, one line per row. */
  format(rows: string[][]): string {
    const widths = this.widths;
    for (const row of rows) {
      for (let i = 0; i < row.length - 1; i++) {
        const w = Math.max(this.minWidth, cellWidth(row[i]) + this.padding);
        if (!(widths[i] >= w)) widths[i] = w;
      }
    }
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < row.length - 1; i++) line += row[i] + ' '.repeat(widths[i] - cellWidth(row[i]));
      line += row[row.length - 1] ?? '';
      out += `${line}\n`;
    }
    return out;
  }
}

/** Width in runes, as Go's tabwriter counts it: code points, so a surrogate pair is one. */
function cellWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** kubectl's cell clean-up: cut at the first line break with `...`, and make escapes visible. */
export function cleanCell(s: string): string {
  const cut = s.search(/[\n\r\f]/);
  let v = cut >= 0 ? `${s.slice(0, cut)}...` : s;
  if (v.includes('\x1b')) v = v.replace(/\x1b/g, '^[');
  return v;
}
