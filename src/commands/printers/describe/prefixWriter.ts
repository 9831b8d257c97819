/**
 * kubectl describe's output machinery: a PrefixWriter (two spaces per level) over Go's text/tabwriter
 * as tabbedString sets it up (minwidth 0, padding 2, padchar ' '). Cells end at a tab; a column block
 * is a run of consecutive lines that have a cell in that column, so a line without a tab ends every
 * block above it and the alignment starts afresh below it.
 */
export class PrefixWriter {
  private pending = '';
  private done = '';

  /** Writes text at an indentation level (LEVEL_0 = 0, two spaces per level). */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** WriteLine: the text and a newline, with no indentation. */
  writeLine(text = ''): void {
    this.pending += `${text}\n`;
  }

  /** Lays out what was written so far; later blocks align on their own. */
  flush(): void {
    this.done += goTabbed(this.pending, 2);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }

  /** What was written with its tabs as they are: a PrefixWriter over a plain buffer (rollout history's printTemplate). */
  untabbed(): string {
    return this.done + this.pending;
  }
}

/** Go's text/tabwriter (left-aligned, space padding, minwidth 0) applied to a whole buffer. */
export function goTabbed(text: string, padding: number): string {
  if (text === '') return '';
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  let out = '';
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = lines[i];
      let s = '';
      for (let j = 0; j < line.length; j++) {
        s += line[j];
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - runeWidth(line[j])));
      }
      out += i + 1 === lines.length ? s : `${s}\n`;
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = 0;
      for (; cur < line1; cur++) {
        const line = lines[cur];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column]) + padding);
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out;
}

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
