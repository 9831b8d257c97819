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
  /** lines typed at a terminal, each after showing the prompt; unset when standard input is no terminal */
  typed?: (prompt: () => string) => AsyncIterable<string>;
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
    typed: process.stdin.isTTY
      ? async function* (prompt) {
          const { createInterface } = await import('node:readline');
          const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
          try {
            for (;;) {
              const line = await new Promise<string | undefined>((resolve) => {
                rl.once('close', () => resolve(undefined));
                rl.question(prompt(), resolve);
              });
              if (line === undefined) return;
              yield line;
            }
          } finally {
            rl.close();
          }
        }
      : undefined,
  };
}

/**
 * Collects output; what tests and the tutor use. With `terminal`, standard input is typed at a terminal:
 * its lines come one at a time, each prompt and line echoed to stdout as a terminal shows them.
 */
export function bufferIO(stdin = '', opts: { terminal?: boolean } = {}): IO & { stdout: string; stderr: string } {
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
    typed: opts.terminal
      ? async function* (prompt: () => string) {
          for (const line of stdin.split('\n').slice(0, stdin.endsWith('\n') ? -1 : undefined)) {
            io.stdout += `${prompt()}${line}\n`;
            yield line;
          }
          io.stdout += prompt();
        }
      : undefined,
  };
  return io;
}
