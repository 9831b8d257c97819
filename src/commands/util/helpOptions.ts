import type { FlagSpec } from './flags.js';
import { FLAG_USAGE } from './flagUsage.js';

/** pflag's DefValue, as kubectl's help prints it: `'none'`, `false`, `-1`, `[]`, `0s`. */
function defValue(f: FlagSpec): string {
  if (f.defValue !== undefined) return f.defValue;
  const d = f.default;
  switch (f.type) {
    case 'bool':
      return String(d === true);
    case 'int':
      return String(d ?? 0);
    case 'stringArray':
    case 'stringSlice':
      return `[${((d as string[] | undefined) ?? []).join(',')}]`;
    case 'duration':
      return String(d ?? '0s');
    default:
      return `'${d ?? ''}'`;
  }
}

/**
 * kubectl's `Options:` section (its templater's flagsUsages): the command's own visible flags sorted by
 * name, each `    -o, --output='':` then its usage after a tab. A flag's usage is its own, or the text kubectl
 * gives that flag on most commands.
 */
export function optionsSection(flags: FlagSpec[]): string {
  const shown = flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!shown.length) return '';
  const rows = shown.map((f) => {
    const name = f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
    const usage = f.usage ?? FLAG_USAGE[f.name] ?? '';
    return `    ${name}=${defValue(f)}:\n\t${usage}\n\n`;
  });
  return `Options:\n${rows.join('')}`;
}

/** A verb's `--help`: its text with the Options section generated from its flags, placed before `Usage:`. */
export function helpWithOptions(help: string, flags: FlagSpec[]): string {
  if (help.includes('\nOptions:\n')) return help;
  const at = help.lastIndexOf('\nUsage:\n');
  if (at < 0) return help;
  return help.slice(0, at + 1) + optionsSection(flags) + help.slice(at + 1);
}
