/**
 * The little shell of the simulated busybox/alpine images: enough of sh to run what exam tasks and
 * lessons put in a container's command. A program is compiled into steps, and running it is a pure
 * function of (program, start time, now): logs and exit are computed, never stored.
 */
export type Step =
  | { t: 'out'; text: (ctx: ShellEnv, at: number) => string }
  | { t: 'sleep'; ms: number }
  | { t: 'exit'; code: number }
  | { t: 'loop'; body: Step[]; times: number }
  /** touch or rm: files a probe may look for */
  | { t: 'file'; path: string; exists: boolean }
  /** a program that talks to the cluster (wget, curl, nc, nslookup): the kubelet's exec answers it */
  | { t: 'net'; argv: string[]; filters: string[][] };

export interface ShellEnv {
  hostname: string;
  env: Record<string, string>;
  /** runs a cluster-facing program in the container, as `kubectl exec` would; without it they print nothing */
  exec?: (argv: string[]) => { stdout: string; stderr: string; code: number; took?: number };
}

function splitPipes(words: string[]): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (w === '|') out.push([]);
    else out[out.length - 1].push(w);
  }
  return out;
}

/** The filters scripts put after a pipe: head, tail, grep, wc -l (others pass the text through). */
export function filter(text: string, cmd: string[]): string {
  const lines = text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined);
  const out = (xs: string[]) => xs.map((l) => `${l}\n`).join('');
  const [name, ...args] = cmd;
  if (name === 'head') {
    const n = args.find((a) => /^-\d+$/.test(a))?.slice(1) ?? (args.includes('-n') ? args[args.indexOf('-n') + 1] : '10');
    return out(lines.slice(0, Number(n) || 10));
  }
  if (name === 'grep') {
    const ignore = args.includes('-i');
    const pattern = args.find((a) => !a.startsWith('-')) ?? '';
    const hit = (l: string) => (ignore ? l.toLowerCase().includes(pattern.toLowerCase()) : l.includes(pattern));
    return args.includes('-q') ? '' : out(lines.filter(hit));
  }
  if (name === 'tail') {
    const n = args.find((a) => /^-\d+$/.test(a))?.slice(1) ?? (args.includes('-n') ? args[args.indexOf('-n') + 1] : '10');
    return out(lines.slice(-(Number(n) || 10)));
  }
  if (name === 'wc' && args.includes('-l')) return `${lines.length}\n`;
  return text;
}

/** env.exec, asked once per command line for a whole run: a loop that polls a Service sees one answer per look at the cluster. */
function netRunner(env: ShellEnv): (argv: string[]) => { stdout: string; stderr: string; code: number; took?: number } {
  const seen = new Map<string, { stdout: string; stderr: string; code: number; took?: number }>();
  return (argv) => {
    const key = argv.join('\0');
    let r = seen.get(key);
    if (!r) seen.set(key, (r = env.exec?.(argv) ?? { stdout: '', stderr: '', code: 0 }));
    return r;
  };
}

export interface Program {
  steps: Step[];
  /** a program that cannot start: `exec: "x": executable file not found in $PATH` */
  startError?: string;
}

export interface RunState {
  /** lines written so far, with the instant each was written */
  lines: { at: number; text: string }[];
  /** set when the program has ended by `now` */
  exit?: { at: number; code: number };
}

const APPLETS = new Set([
  'sh', 'bash', 'ash', 'sleep', 'echo', 'printf', 'date', 'env', 'printenv', 'hostname', 'cat', 'true', 'false', 'exit',
  'ls', 'touch', 'rm', 'mkdir', 'wget', 'curl', 'nslookup', 'ping', 'tail', 'top', 'whoami', 'id', 'uname', 'nc', 'python', 'python3', 'node',
]);

/** Whether a command runs one of the shell's programs, rather than an image's own binary (`kube-apiserver`, `nginx`). */
export function isApplet(command: string): boolean {
  return APPLETS.has(command.split('/').pop() ?? '');
}

/** `date` output: `Thu Nov 26 21:42:35 UTC 2026`. */
export function dateString(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Splits a script into words, honouring quotes; keeps `;`, `&&`, `||`, newlines as separators. */
function tokenize(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  const flush = () => {
    if (cur || has) out.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < script.length && '"\\$`'.includes(script[i + 1])) cur += script[++i];
      else cur += quote === "'" && c === '$' ? '\u0000' : c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === ';' || c === '\n') {
      flush();
      out.push(';');
    } else if ((c === '&' || c === '|') && script[i + 1] === c) {
      flush();
      out.push(';');
      i++;
    } else if (c === ' ' || c === '\t') flush();
    else cur += c;
  }
  flush();
  return out;
}

function expand(word: string, env: ShellEnv, at: number): string {
  return word
    .replace(/\$\((date|hostname)[^)]*\)|`(date|hostname)[^`]*`/g, (_m, a: string, b: string) => ((a ?? b) === 'date' ? dateString(at) : env.hostname))
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, v: string) => (v === 'HOSTNAME' ? env.env.HOSTNAME ?? env.hostname : env.env[v] ?? ''))
    .replace(/\u0000/g, '$');
}

function printfFormat(fmt: string, args: string[]): string {
  let i = 0;
  return fmt
    .replace(/%[sd]/g, () => args[i++] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}

/** `sleep`'s argument in ms: busybox takes suffixes s, m, h, d and fractions; none or `infinity` is forever. */
export function parseSleep(arg: string | undefined): number {
  if (!arg || arg === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  return Number(m[1]) * { '': 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2] as 's']!;
}

function compileStatements(words: string[]): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const until = (stop: string) => {
    const start = i;
    let depth = 0;
    while (i < words.length) {
      const w = words[i];
      if (w === 'do') depth++;
      if (w === 'done') {
        if (depth === (stop === 'done' ? 1 : 0)) break;
        depth--;
      }
      i++;
    }
    return words.slice(start, i);
  };
  while (i < words.length) {
    if (words[i] === ';') {
      i++;
      continue;
    }
    const cmd: string[] = [];
    if (words[i] === 'while' || words[i] === 'until') {
      // while true; do BODY; done  (any condition is taken as true: exam loops never end)
      while (i < words.length && words[i] !== 'do') i++;
      i++;
      const body = until('done');
      i++;
      steps.push({ t: 'loop', body: compileStatements(body.filter((w) => w !== 'do')), times: Infinity });
      continue;
    }
    if (words[i] === 'for') {
      // for x in a b c; do BODY; done
      const list: string[] = [];
      i += 2; // for NAME in
      if (words[i] === 'in') i++;
      while (i < words.length && words[i] !== ';' && words[i] !== 'do') list.push(words[i++]);
      while (i < words.length && words[i] !== 'do') i++;
      i++;
      const body = until('done');
      i++;
      steps.push({ t: 'loop', body: compileStatements(body.filter((w) => w !== 'do')), times: Math.max(1, list.length) });
      continue;
    }
    while (i < words.length && words[i] !== ';') cmd.push(words[i++]);
    steps.push(...compileCommand(cmd));
  }
  return steps;
}

function compileCommand(cmd: string[]): Step[] {
  const [name, ...args] = cmd;
  const base = (name ?? '').split('/').pop() ?? '';
  switch (base) {
    case 'touch':
      return args.filter((a) => !a.startsWith('-')).map((path) => ({ t: 'file', path, exists: true }) as Step);
    case 'rm':
      return args.filter((a) => !a.startsWith('-')).map((path) => ({ t: 'file', path, exists: false }) as Step);
    case '':
    case 'true':
    case 'mkdir':
    case ':':
      return [];
    case 'wget':
    case 'curl':
    case 'nc':
    case 'nslookup':
    case 'ping': {
      // `wget -qO- web | head -1`: what follows a pipe filters the output
      const [first, ...filters] = splitPipes([base, ...args]);
      return [{ t: 'net', argv: first, filters }];
    }
    case 'false':
      return [{ t: 'exit', code: 1 }];
    case 'exit':
      return [{ t: 'exit', code: Number(args[0] ?? 0) || 0 }];
    case 'sleep':
      return [{ t: 'sleep', ms: parseSleep(args[0]) }];
    case 'echo': {
      const noNewline = args[0] === '-n';
      const words = noNewline ? args.slice(1) : args;
      return [{ t: 'out', text: (env, at) => words.map((w) => expand(w, env, at)).join(' ') + (noNewline ? '' : '\n') }];
    }
    case 'printf':
      return [{ t: 'out', text: (env, at) => printfFormat(expand(args[0] ?? '', env, at), args.slice(1).map((a) => expand(a, env, at))) }];
    case 'date':
      return [{ t: 'out', text: (_env, at) => `${dateString(at)}\n` }];
    case 'hostname':
      return [{ t: 'out', text: (env) => `${env.hostname}\n` }];
    case 'env':
    case 'printenv':
      return [
        {
          t: 'out',
          text: (env) =>
            Object.entries({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: env.hostname, ...env.env, HOME: '/root' })
              .map(([k, v]) => `${k}=${v}\n`)
              .join(''),
        },
      ];
    case 'tail':
      // -F (follow by name, busybox and GNU) keeps running just as -f does
      return args.some((a) => a === '--follow' || a.startsWith('--follow=') || /^-[a-zA-Z]*[fF]/.test(a)) ? [{ t: 'sleep', ms: Infinity }] : [];
    case 'sh':
    case 'bash':
    case 'ash': {
      const c = args.indexOf('-c');
      if (c >= 0) return compileStatements(tokenize(args[c + 1] ?? ''));
      return [];
    }
    default:
      return [];
  }
}

/** Compiles a container's command and args the way its image's shell would run them. */
export function compile(command: string[] | undefined, args: string[] | undefined): Program {
  const argv = [...(command ?? []), ...(args ?? [])];
  if (!argv.length) return { steps: [] };
  const bin = argv[0].split('/').pop()!;
  if (!APPLETS.has(bin) && !argv[0].startsWith('/')) {
    return { steps: [], startError: `exec: "${argv[0]}": executable file not found in $PATH` };
  }
  return { steps: compileCommand(argv) };
}

/** Runs a program from `startedAt` up to `now`: what it has printed, and whether and how it ended. */
export function run(program: Program, env: ShellEnv, startedAt: number, now: number, maxLines = 10000): RunState {
  const state: RunState = { lines: [] };
  let t = startedAt;
  // the exit code of the last command, which a shell's script ends with
  let last = 0;
  const net = netRunner(env);
  const print = (text: string) => {
    for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) state.lines.push({ at: t, text: line });
    if (state.lines.length > maxLines) state.lines.splice(0, state.lines.length - maxLines);
  };
  const exec = (steps: Step[]): 'continue' | 'stop' => {
    for (const s of steps) {
      if (t > now) return 'stop';
      switch (s.t) {
        case 'out': {
          print(s.text(env, t));
          last = 0;
          break;
        }
        case 'net': {
          const r = net(s.argv);
          // the tool prints its answer when it has one: after the timeouts it waited out
          t += r.took ?? 0;
          // a pipe's filters read stdout; the tool's errors go straight to the log
          print(s.filters.reduce(filter, r.stdout) + r.stderr);
          last = r.code;
          break;
        }
        case 'sleep':
          if (s.ms === Infinity) {
            t = Infinity;
            return 'stop';
          }
          t += s.ms;
          break;
        case 'exit':
          state.exit = { at: t, code: s.code };
          return 'stop';
        case 'file':
          break;
        case 'loop': {
          for (let n = 0; n < s.times; n++) {
            if (t > now) return 'stop';
            const before = t;
            if (exec(s.body) === 'stop') return 'stop';
            if (t === before && s.times === Infinity) {
              t = Infinity; // a busy loop that takes no time (no sleep, no timeout): it spins forever
              return 'stop';
            }
          }
          break;
        }
      }
    }
    return 'continue';
  };
  if (exec(program.steps) === 'continue' && t <= now) state.exit = { at: t, code: last };
  if (state.exit && state.exit.at > now) delete state.exit;
  return state;
}

/** When a program ends, if it ever does (Infinity otherwise), and with which code. */
export function endOf(program: Program, env: ShellEnv, startedAt: number): { at: number; code: number } {
  let t = 0;
  let last = 0;
  const net = netRunner(env);
  const walk = (steps: Step[]): { code: number } | 'forever' | undefined => {
    for (const s of steps) {
      if (s.t === 'net') {
        const r = net(s.argv);
        last = r.code;
        t += r.took ?? 0;
      }
      else if (s.t === 'out') last = 0;
      else if (s.t === 'sleep') {
        if (s.ms === Infinity) return 'forever';
        t += s.ms;
      } else if (s.t === 'exit') return { code: s.code };
      else if (s.t === 'loop') {
        if (s.times === Infinity) {
          // an endless loop ends only through an exit inside it, on its first pass
          const r = walk(s.body);
          return r && r !== 'forever' ? r : 'forever';
        }
        for (let n = 0; n < s.times; n++) {
          const r = walk(s.body);
          if (r) return r;
        }
      }
    }
    return undefined;
  };
  const r = walk(program.steps);
  if (r === 'forever') return { at: Infinity, code: 0 };
  return { at: startedAt + t, code: r ? r.code : last };
}

/**
 * When files appear and disappear as a program runs (touch, rm): the changes to `path` from `startedAt`
 * up to `until`, in order. What exec probes such as `cat /tmp/healthy` see.
 */
export function fileChanges(program: Program, path: string, startedAt: number, until: number): { at: number; exists: boolean }[] {
  const out: { at: number; exists: boolean }[] = [];
  let t = startedAt;
  const walk = (steps: Step[]): boolean => {
    for (const s of steps) {
      if (t > until || out.length > 1000) return false;
      if (s.t === 'sleep') {
        if (s.ms === Infinity) return false;
        t += s.ms;
      } else if (s.t === 'exit') return false;
      else if (s.t === 'file' && s.path === path) out.push({ at: t, exists: s.exists });
      else if (s.t === 'loop') {
        for (let n = 0; n < s.times; n++) {
          const before = t;
          if (!walk(s.body)) return false;
          if (t === before) return false;
        }
      }
    }
    return true;
  };
  walk(program.steps);
  return out;
}
