import fs from 'node:fs';
import path from 'node:path';

/**
 * The API server's request log, kept beside a cluster's store for `kubecadet trace`: one JSON line per
 * request, appended by whichever process handled it. Appends take no lock (one write per flush, and
 * O_APPEND keeps writers from overwriting each other); when the file passes ROTATE_BYTES it becomes the
 * `.1` file, as logrotate would rotate it, so the log stays bounded without ever rewriting a line.
 * It is a diagnostic aid, not cluster state: a torn last line is skipped, never an error.
 */
export const ROTATE_BYTES = 1 << 20;

export function requestLogFile(storeFile: string): string {
  return storeFile.replace(/\.json$/, '') + '.requests.jsonl';
}

export class RequestLog<T> {
  constructor(readonly file: string) {}

  append(entries: T[]): void {
    if (!entries.length) return;
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.appendFileSync(this.file, text);
      if (fs.statSync(this.file).size > ROTATE_BYTES) fs.renameSync(this.file, `${this.file}.1`);
    } catch {
      // a log that cannot be written must never fail the request it describes
    }
  }

  /** Every entry still kept, oldest first. */
  read(): T[] {
    return [...this.entries(`${this.file}.1`), ...this.entries(this.file)];
  }

  /** The bytes of the current file already seen, for following it. */
  size(): number {
    try {
      return fs.statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  /** Entries appended after byte `from` of the current file (a rotation starts it over at 0). */
  since(from: number): { entries: T[]; next: number } {
    const size = this.size();
    if (size < from) from = 0;
    if (size === from) return { entries: [], next: from };
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(size - from);
      fs.readSync(fd, buf, 0, buf.length, from);
      // a line still being written is left for the next look
      const end = buf.lastIndexOf(10) + 1;
      return { entries: parseLines(buf.subarray(0, end).toString('utf8')), next: from + end };
    } finally {
      fs.closeSync(fd);
    }
  }

  remove(): void {
    fs.rmSync(this.file, { force: true });
    fs.rmSync(`${this.file}.1`, { force: true });
  }

  private entries(file: string): T[] {
    try {
      return parseLines(fs.readFileSync(file, 'utf8'));
    } catch {
      return [];
    }
  }
}

function parseLines<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // torn by a crash mid-append
    }
  }
  return out;
}
