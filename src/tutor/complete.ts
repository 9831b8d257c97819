/** What Tab can complete: the prompt's own words, kubectl's verbs, resource types, object names. */
export interface Completions {
  verbs: string[];
  types: string[];
  /** names of the objects of a resource type (as typed), in the lesson's namespace */
  names(type: string): string[];
}

/** The prompt's own words, beside `kubectl` and `k`. */
export const PROMPT_WORDS = ['kubectl', 'k', 'text', 'hint', 'solution', 'check', 'next', 'skip', 'reset', 'clear', 'home'];

/** Verbs whose first argument is a resource type, and the second an object's name. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'cordon', 'uncordon', 'drain', 'taint', 'rollout', 'set']);

/** Flags whose value is the next word (`-n prod`), so it is not taken for an argument. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-l', '--selector', '-o', '--output', '-f', '--filename', '-c', '--container', '--context', '--image', '--replicas', '--field-selector']);

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Completes the last word of a prompt line: the longest common prefix of the candidates, with a space after
 * a single match. Returns the line unchanged and the candidates when there is nothing to add.
 */
export function complete(line: string, c: Completions): { line: string; candidates: string[] } {
  const words = line.split(/\s+/);
  const word = words[words.length - 1];
  const before: string[] = [];
  const typed = words.slice(0, -1).filter((w) => w !== '');
  for (let i = 0; i < typed.length; i++) {
    if (VALUE_FLAGS.has(typed[i])) i++;
    else if (!typed[i].startsWith('-')) before.push(typed[i]);
  }
  let pool: string[] = [];
  if (before.length === 0) pool = PROMPT_WORDS;
  else if (before[0] === 'kubectl' || before[0] === 'k') {
    const args = before.slice(1);
    if (args.length === 0) pool = c.verbs;
    else if (args[0] === 'cordon' || args[0] === 'uncordon' || args[0] === 'drain') pool = args.length === 1 ? c.names('nodes') : [];
    else if (args.length === 1 && (TYPED_VERBS.has(args[0]) || args[0] === 'create')) pool = c.types;
    else if (args.length === 2 && TYPED_VERBS.has(args[0])) pool = args[1].includes('/') ? [] : c.names(args[1]);
  }
  const candidates = [...new Set(pool.filter((w) => w.startsWith(word)))].sort();
  if (!candidates.length) return { line, candidates };
  const prefix = candidates.length === 1 ? `${candidates[0]} ` : commonPrefix(candidates);
  const head = line.slice(0, line.length - word.length);
  return { line: head + (prefix.length > word.length ? prefix : word), candidates };
}
