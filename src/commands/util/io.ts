/** Where a command writes: the real stdout/stderr for the CLI, buffers for the tutor and tests. */
export interface IO {
  out(s: string): void;
  err(s: string): void;
  /** standard input, read whole (apply -f -) */
  readStdin?(): Promise<string>;
  /** the next whitespace-separated word of standard input, '' at its end (Go's fmt.Fscan, for prompts) */
  readWord?(): Promise<string>;
  /** true when stdout is a terminal */
  isTTY?: boolean;
}

export function processIO(): IO {
  return {
    out: (s) => {
      process.stdout.write(s);
    },
    err: (s) => {
      process.stderr.write(s);
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readWord: () =>
      new Promise<string>((resolve) => {
        let buf = '';
        const done = (word: string) => {
          process.stdin.off('data', onData);
          process.stdin.off('end', onEnd);
          process.stdin.pause();
          resolve(word);
        };
        const onData = (c: string) => {
          buf += c;
          const m = /^\s*(\S+)\s/.exec(buf);
          if (m) done(m[1]);
        };
        const onEnd = () => done(buf.trim().split(/\s+/)[0] ?? '');
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', onData);
        process.stdin.on('end', onEnd);
        process.stdin.resume();
      }),
    isTTY: !!process.stdout.isTTY,
  };
}

/** Collects output; what tests and the tutor use. */
export function bufferIO(stdin = ''): IO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(s: string) {
      io.stdout += s;
    },
    err(s: string) {
      io.stderr += s;
    },
    readStdin: async () => stdin,
    readWord: async () => stdin.trim().split(/\s+/)[0] ?? '',
    isTTY: false,
  };
  return io;
}
