import { compare } from './timing.js';
const n = +process.env.N || 31;
const cmds = process.argv.slice(2).map((s) => { const a = s.split(' '); return { cmd: a[0] === 'node' ? process.execPath : a[0], args: a.slice(1), env: process.env }; });
const r = compare(cmds, n);
r.forEach((x, i) => console.log(x.wall.toFixed(1).padStart(7), 'ms', (x.cpu ?? 0).toFixed(0).padStart(4), 'cpu', process.argv[2 + i]));
