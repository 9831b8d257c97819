import { buildContext, type ContextOptions } from './context.js';
import { helpWithOptions } from './util/helpOptions.js';
import { verbs } from './index.js';
import { checkErr, FlagError, KlogError } from './util/errors.js';
import { globalFlags, parseFlags, type FlagSpec } from './util/flags.js';
import type { Verb } from './verb.js';
import { kubectlHelp } from './help.js';

/** How often a long-running command advances the simulation. */
const LIVE_TICK_MS = 250;

/** Words before the first positional that are flags, skipping the values of flags that take one. */
function firstWord(argv: string[], specs: FlagSpec[]): { index: number; word?: string } {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { index: -1 };
    if (a.startsWith('--')) {
      if (a.includes('=')) continue;
      const spec = specs.find((s) => s.name === a.slice(2));
      if (spec && spec.type !== 'bool' && spec.noOptDefault === undefined) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const spec = specs.find((s) => s.short === a[1]);
      if (a.length === 2 && spec && spec.type !== 'bool' && spec.noOptDefault === undefined) i++;
      continue;
    }
    return { index: i, word: a };
  }
  return { index: -1 };
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** cobra's "Did you mean this?": names within distance 2, or that start with what was typed. */
function suggestions(word: string, names: string[]): string[] {
  return names.filter((n) => levenshtein(word.toLowerCase(), n) <= 2 || n.startsWith(word.toLowerCase()));
}

/** The verb a kubectl command line names (`get` in `kubectl -n x get pods`), if any. */
export function verbOf(argv: string[]): string | undefined {
  return firstWord(argv, globalFlags).word;
}

/** The command as a shell would take it back: words with spaces or quotes are quoted. */
function commandLine(argv: string[]): string {
  return ['kubectl', ...argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
}

/**
 * Runs `kubectl ARGS` against kubecadet's cluster and returns the exit code. Everything a user can get
 * wrong ends here as kubectl's own message on stderr.
 */
export async function runKubectl(argv: string[], opts: ContextOptions): Promise<number> {
  const io = opts.io;
  let path = 'kubectl';
  try {
    const { index, word } = firstWord(argv, globalFlags);
    if (word === undefined) {
      const parsed = parseFlags(argv, globalFlags);
      void parsed;
      io.out(kubectlHelp());
      return 0;
    }
    const entry = verbs.find((v) => v.name === word || v.aliases?.includes(word));
    if (!entry) {
      const names = verbs.map((v) => v.name);
      const near = suggestions(word, names);
      let msg = `Error: unknown command "${word}" for "kubectl"\n`;
      if (near.length) msg += `\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}`;
      io.err(`${msg}\nRun 'kubectl --help' for usage.\n`);
      return 1;
    }
    let verb: Verb = await entry.load();
    path = `kubectl ${verb.name}`;
    let rest = [...argv.slice(0, index), ...argv.slice(index + 1)];
    // descend into subcommands (`create deployment`, `rollout status`, `config view`)
    while (verb.subcommands) {
      const next = firstWord(rest, [...globalFlags, ...verb.flags]);
      const load = next.word !== undefined ? verb.subcommands[next.word] : undefined;
      if (!load) break;
      verb = await load();
      path = `${path} ${verb.name}`;
      rest = [...rest.slice(0, next.index), ...rest.slice(next.index + 1)];
    }
    const specs = [...globalFlags.filter((g) => !verb.flags.some((f) => f.name === g.name || (f.short && f.short === g.short))), ...verb.flags];
    let parsed: ReturnType<typeof parseFlags>;
    try {
      parsed = parseFlags(rest, specs);
    } catch (e) {
      // cobra's SetFlagErrorFunc: kubectl diff reports flag mistakes as usage errors, with its own exit code
      if (!(e instanceof FlagError && verb.flagErrorExit)) throw e;
      io.err(`error: ${e.message}\nSee '${path} -h' for help and examples\n`);
      return verb.flagErrorExit;
    }
    if (parsed.flags.help === true) {
      io.out(helpWithOptions(verb.help, verb.flags));
      return 0;
    }
    // cobra checks required flags before the command runs, in flag name order
    const missing = verb.flags.filter((f) => f.required && !parsed.changed.has(f.name)).map((f) => f.name).sort();
    if (missing.length) throw new KlogError(`required flag(s) "${missing.join('", "')}" not set`);
    const ctx = buildContext({ ...opts, commandLine: opts.commandLine ?? commandLine(argv) }, path, parsed);
    // A command that runs for a while (get -w, rollout status, wait, logs -f) keeps the simulated
    // cluster moving, so what it watches progresses as it would on a real one.
    const ticker = setInterval(() => {
      if (ctx.opened()) void ctx.engine().then((e) => e.sync()).catch(() => undefined);
    }, LIVE_TICK_MS);
    ticker.unref();
    try {
      return (await verb.run(ctx)) ?? 0;
    } finally {
      clearInterval(ticker);
      if (ctx.opened()) {
        const engine = await ctx.engine();
        engine.api.tracer?.endCommand();
        // the control plane reacts to what the command changed, as a real one would within milliseconds
        await engine.sync();
      }
    }
  } catch (e) {
    if (e instanceof FlagError) return checkErr(e, io, path);
    return checkErr(e, io, path);
  }
}
