/** Where a command writes: the real stdout/stderr for the CLI, buffers for the tutor and tests. */
export interface IO {
  out(s: string): void;
  err(s: string): void;
  /** standard input, read whole (apply -f -) */
  readStdin?(): Promise<string>;
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
    isTTY: false,
  };
  return io;
}
