import type { VerbEntry } from './verb.js';

/** The kubectl verbs, one line each; a verb's module is loaded only when it runs. */
export const verbs: VerbEntry[] = [
  { name: 'get', load: async () => (await import('./get.js')).verb },
  { name: 'top', load: async () => (await import('./top.js')).verb },
  { name: 'exec', load: async () => (await import('./exec.js')).verb },
  { name: 'create', load: async () => (await import('./create.js')).verb },
  { name: 'run', load: async () => (await import('./run.js')).verb },
  { name: 'api-resources', load: async () => (await import('./apiResources.js')).verb },
  { name: 'api-versions', load: async () => (await import('./apiVersions.js')).verb },
  { name: 'version', load: async () => (await import('./version.js')).verb },
  { name: 'options', load: async () => (await import('./options.js')).verb },
  { name: 'apply', load: async () => (await import('./apply.js')).verb },
  { name: 'delete', load: async () => (await import('./delete.js')).verb },
  { name: 'label', load: async () => (await import('./label.js')).verb },
  { name: 'annotate', load: async () => (await import('./annotate.js')).verb },
];
