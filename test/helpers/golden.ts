import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitArgs } from './kubectl.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * test/golden/kubectl (recorded here) and test/golden/shared/kubectl-v1.32, the project's shared recordings
 * (../shared/golden), kept in the tree so that a clone anywhere can run the tests.
 */
export const GOLDEN_DIR = path.join(ROOT, 'test/golden/kubectl');
export const GOLDEN_FIXTURES = path.join(ROOT, 'test/golden/fixtures');
export const SHARED_GOLDEN_DIR = path.join(ROOT, 'test/golden/shared/kubectl-v1.32');

/** One run of the real kubectl: the words after `kubectl`, where it ran, and what it printed. */
export interface GoldenCase {
  name: string;
  args: string[];
  cwd: string;
  stdout: string;
  stderr: string;
  code: number;
  /** none: no server was involved; fake: a fake server answered (only kubectl's own output is evidence) */
  server: string;
}

/** The cases recorded by test/golden/record.sh whose names start with one of the prefixes. */
export function localGoldens(prefixes: string[]): GoldenCase[] {
  return fs
    .readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.args') && prefixes.some((p) => f.startsWith(p)))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.args'.length);
      const read = (ext: string) => fs.readFileSync(path.join(GOLDEN_DIR, `${name}.${ext}`), 'utf8');
      return {
        name,
        args: read('args').split('\n').slice(0, -1),
        cwd: GOLDEN_FIXTURES,
        stdout: read('stdout'),
        stderr: read('stderr'),
        code: Number(read('code').trim()),
        server: 'none',
      };
    });
}

/** The cases of the shared golden set (cases.tsv) whose names start with one of the prefixes. */
export function sharedGoldens(prefixes: string[]): GoldenCase[] {
  const tsv = fs.readFileSync(path.join(SHARED_GOLDEN_DIR, 'cases.tsv'), 'utf8');
  const out: GoldenCase[] = [];
  for (const line of tsv.split('\n')) {
    const [name, command, , code, server] = line.split('\t');
    if (!name || !prefixes.some((p) => name.startsWith(p))) continue;
    const read = (ext: string) => {
      const f = path.join(SHARED_GOLDEN_DIR, `${name}.${ext}`);
      return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
    };
    const words = splitArgs(command.replace(/^timeout \d+ /, ''));
    out.push({ name, args: words.slice(1), cwd: path.join(SHARED_GOLDEN_DIR, 'fixtures'), stdout: read('out'), stderr: read('err'), code: Number(code), server });
  }
  return out;
}

/** klog lines carry a timestamp and a pid: compare them without. */
export function normalizeKlog(s: string): string {
  return s.replace(/^([EWI])\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ /gm, '$1MMDD hh:mm:ss.micro PID ');
}
