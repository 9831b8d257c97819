import type { CommandContext } from './context.js';
import type { FlagSpec } from './util/flags.js';

/**
 * A kubectl verb (or subcommand): its flags, its help text as kubectl prints it, and run().
 * One file per verb exports one of these as `verb`.
 */
export interface Verb {
  /** the word the user types: `get`, `deployment` (under create) */
  name: string;
  /** other words for it (`deploy` for `create deployment`) */
  aliases?: string[];
  /** flags of this verb; the global flags are added by the dispatcher */
  flags: FlagSpec[];
  /** the complete `--help` text, byte for byte as kubectl v1.32 prints it */
  help: string;
  /** subcommands, loaded on first use */
  subcommands?: Record<string, () => Promise<Verb>>;
  /** a flag mistake is a usage error exiting with this code, not cobra's `Error: ...` and 1 (kubectl diff: 2) */
  flagErrorExit?: number;
  /** returns the exit code (0 when undefined) */
  run(ctx: CommandContext): Promise<number | void>;
}

/** A line of the verb registry: enough for `kubectl --help` and dispatch, without loading the verb. */
export interface VerbEntry {
  name: string;
  aliases?: string[];
  load: () => Promise<Verb>;
}
