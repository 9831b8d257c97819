/** A run of text in one style: plain, `inline code`, a heading, or a line of a code block. */
export interface Segment {
  text: string;
  style: 'plain' | 'code' | 'heading' | 'block';
}

export type Line = Segment[];

/** Splits a paragraph into plain and `code` runs. */
function inline(text: string, base: Segment['style']): Segment[] {
  const out: Segment[] = [];
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (!part) return;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) out.push({ text: part.slice(1, -1), style: 'code' });
    else out.push({ text: part, style: base });
  });
  return out;
}

/** Word-wraps styled runs to a width, keeping each word's style. */
function wrap(segments: Segment[], width: number): Line[] {
  const lines: Line[] = [];
  let line: Line = [];
  let used = 0;
  const push = (text: string, style: Segment['style']) => {
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
    used += text.length;
  };
  for (const seg of segments) {
    for (const word of seg.text.split(/(\s+)/)) {
      if (!word) continue;
      const space = /^\s+$/.test(word);
      if (space) {
        if (used > 0 && used < width) push(' ', seg.style === 'code' ? 'code' : 'plain');
        continue;
      }
      let w = word;
      while (w.length) {
        if (used + w.length > width && used > 0) {
          lines.push(trimEnd(line));
          line = [];
          used = 0;
        }
        const take = w.slice(0, Math.max(1, width - used));
        push(take, seg.style);
        w = w.slice(take.length);
      }
    }
  }
  if (line.length) lines.push(trimEnd(line));
  return lines;
}

/** A row does not end in the space that separated it from the next word. */
function trimEnd(line: Line): Line {
  const last = line[line.length - 1];
  if (last) last.text = last.text.replace(/ +$/, '');
  return line.filter((seg) => seg.text !== '');
}

/**
 * Lays out a step's text for a width: `# headings`, paragraphs with `inline code`, and fenced code blocks
 * (commands to type), one blank line between blocks. Laying it out here, not in Ink, lets the screen know
 * how many rows it takes.
 */
export function layoutText(text: string, width: number): Line[] {
  const out: Line[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1].length) out.push([]);
  };
  const lines = text.replace(/\s+$/, '').split('\n');
  let para: string[] = [];
  const flush = () => {
    if (!para.length) return;
    blank();
    out.push(...wrap(inline(para.join(' '), 'plain'), width));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('```')) {
      flush();
      blank();
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) {
        // a command is never cut: it continues on the next row, indented
        const room = Math.max(1, width - 2);
        for (let at = 0; at === 0 || at < lines[i].length; at += room) out.push([{ text: `  ${lines[i].slice(at, at + room)}`, style: 'block' }]);
      }
      continue;
    }
    const h = /^#+\s+(.*)$/.exec(l);
    if (h) {
      flush();
      blank();
      out.push(...wrap([{ text: h[1], style: 'heading' }], width));
      continue;
    }
    if (!l.trim()) flush();
    else para.push(l.trim());
  }
  flush();
  return out;
}

/** Cuts a string to a width, marking the cut. */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

/** Greedy word wrap of plain text; words longer than the width are broken. */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const rows: string[] = [];
  let row = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > w) {
      if (row) rows.push(row);
      row = '';
      rows.push(word.slice(0, w));
      word = word.slice(w);
    }
    if (!word) continue;
    if (!row) row = word;
    else if (row.length + 1 + word.length <= w) row += ` ${word}`;
    else {
      rows.push(row);
      row = word;
    }
  }
  if (row) rows.push(row);
  return rows;
}
