import fs from 'node:fs';

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

/** What a process whose reader has gone does (`kubecadet check | head` closes the pipe): stop quietly, as kubectl does on SIGPIPE. */
export function endOnClosedPipe(): never {
  process.exit(process.exitCode ?? 0);
}

/**
 * Writes to a file descriptor directly. process.stdout and process.stderr are streams whose set-up loads Node's
 * stream, net and tty modules, milliseconds of a kubectl command's start-up that printing a table does not need.
 * A descriptor that refuses to wait (EAGAIN: a pipe another process made non-blocking) hands the rest to the
 * stream, and so does every later write, so output keeps its order.
 */
function descriptorWriter(fd: 1 | 2): (s: string) => void {
  let stream: NodeJS.WriteStream | undefined;
  return (s) => {
    if (stream) {
      stream.write(s);
      return;
    }
    let buf = Buffer.from(s, 'utf8');
    try {
      while (buf.length > 0) buf = buf.subarray(fs.writeSync(fd, buf));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') endOnClosedPipe();
      if (code !== 'EAGAIN') throw e;
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.write(buf);
    }
  };
}

export function processIO(): IO {
  return {
    out: descriptorWriter(1),
    err: descriptorWriter(2),
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
    // asked of the streams only when a command wants to know: creating them loads node:tty and node:net
    get isTTY() {
      return !!process.stdout.isTTY;
    },
    get typed() {
      return process.stdin.isTTY ? typedLines : undefined;
    },
  };
}

async function* typedLines(prompt: () => string): AsyncIterable<string> {
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
