import type { VerbEntry } from './verb.js';

/** The kubectl verbs, one line each; a verb's module is loaded only when it runs. */
export const verbs: VerbEntry[] = [
  { name: 'get', load: async () => (await import('./get.js')).verb },
  { name: 'top', load: async () => (await import('./top.js')).verb },
  { name: 'create', load: async () => (await import('./create.js')).verb },
  { name: 'run', load: async () => (await import('./run.js')).verb },
  { name: 'config', load: async () => (await import('./config.js')).verb },
];
