import chalk from 'chalk';
import type { Cell } from './homeRows.js';

/** Paints rows of styled cells straight to the terminal: the home screen while Ink is still loading. */
export function paint(rows: Cell[][]): string {
  const cell = (c: Cell) => {
    let s = chalk;
    if (c.color) s = s[c.color as 'cyan'];
    if (c.bold) s = s.bold;
    if (c.dim) s = s.dim;
    if (c.inverse) s = s.inverse;
    return s(c.text);
  };
  return `\x1b[H\x1b[2J${rows.map((r) => r.map(cell).join('')).join('\n')}`;
}
