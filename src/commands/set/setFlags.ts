import type { FlagSpec } from '../util/flags.js';

/**
 * The flags every `kubectl set` subcommand that reads objects has (its resource builder's and printer's):
 * --all, -f, -k, --local, -o, -R, --dry-run and the rest. The usages that differ per command are given.
 */
export function setFlags(usage: { all: string; filename: string; local: string }): FlagSpec[] {
  return [
    { name: 'all', type: 'bool', usage: usage.all },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: usage.filename },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'local', type: 'bool', usage: usage.local },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ];
}
