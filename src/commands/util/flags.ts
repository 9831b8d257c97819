import { FlagError } from './errors.js';
import { parseDuration } from '../../cluster/meta/duration.js';

/** A flag as pflag declares it. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'string' | 'bool' | 'int' | 'stringArray' | 'stringSlice' | 'duration';
  default?: string | boolean | number | string[];
  /** the value a bare `--flag` takes (pflag's NoOptDefVal); such a flag never consumes the next word */
  noOptDefault?: string;
  usage?: string;
  /** the default as help shows it, where the type's own rendering differs (a map flag's empty `=`) */
  defValue?: string;
  /** kept out of help listings */
  hidden?: boolean;
  /** cobra's MarkFlagRequired: the command fails before it runs when the flag is not given */
  required?: boolean;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedArgs {
  flags: Record<string, FlagValue>;
  /** the names of the flags the user actually gave */
  changed: Set<string>;
  args: string[];
  /** where `--` stood among the positional args (cobra's ArgsLenAtDash), -1 when absent */
  argsLenAtDash: number;
}

function convert(spec: FlagSpec, raw: string, shown: string): FlagValue {
  switch (spec.type) {
    case 'bool': {
      const v = raw.toLowerCase();
      if (['1', 't', 'true'].includes(v) || raw === 'TRUE' || raw === 'True') return true;
      if (['0', 'f', 'false'].includes(v) || raw === 'FALSE' || raw === 'False') return false;
      throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw))
        throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return Number(raw);
    }
    case 'duration': {
      // time.ParseDuration takes a sign
      const ms = parseDuration(raw.replace(/^[-+]/, ''));
      if (ms === undefined) throw new FlagError(`invalid argument "${raw}" for "${shown}" flag: time: invalid duration "${raw}"`);
      return raw;
    }
    default:
      return raw;
  }
}

function shownName(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** Parses argv with pflag's rules: flags anywhere, `--f=v`, `--f v`, `-fv`, `-abc`, `--` ends flags. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const flags: Record<string, FlagValue> = {};
  for (const s of specs) {
    if (s.default !== undefined) flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
    else if (s.type === 'bool') flags[s.name] = false;
    else if (s.type === 'stringArray' || s.type === 'stringSlice') flags[s.name] = [];
    else if (s.type === 'int') flags[s.name] = 0;
    else flags[s.name] = '';
  }
  const changed = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  const set = (spec: FlagSpec, raw: string) => {
    const v = convert(spec, raw, shownName(spec));
    if (spec.type === 'stringArray') {
      flags[spec.name] = changed.has(spec.name) ? [...(flags[spec.name] as string[]), raw] : [raw];
    } else if (spec.type === 'stringSlice') {
      const parts = raw === '' ? [] : raw.split(',');
      flags[spec.name] = changed.has(spec.name) ? [...(flags[spec.name] as string[]), ...parts] : parts;
    } else flags[spec.name] = v;
    changed.add(spec.name);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < argv.length) set(spec, argv[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const shorts = a.slice(1);
      for (let j = 0; j < shorts.length; j++) {
        const c = shorts[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
        const rest = shorts.slice(j + 1);
        if (rest.startsWith('=')) {
          set(spec, rest.slice(1));
          break;
        }
        if (spec.type === 'bool') {
          set(spec, 'true');
          continue;
        }
        if (spec.noOptDefault !== undefined && rest === '') {
          set(spec, spec.noOptDefault);
          continue;
        }
        if (rest !== '') set(spec, rest);
        else if (i + 1 < argv.length) set(spec, argv[++i]);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags, changed, args, argsLenAtDash };
}

/** kubectl's global flags, accepted by every verb before or after its arguments. */
export const globalFlags: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  { name: 'as', type: 'string', usage: 'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.' },
  { name: 'as-group', type: 'stringArray', usage: 'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.' },
  { name: 'as-uid', type: 'string', usage: 'UID to impersonate for the operation.' },
  { name: 'cache-dir', type: 'string', usage: 'Default cache directory' },
  { name: 'certificate-authority', type: 'string', usage: 'Path to a cert file for the certificate authority' },
  { name: 'client-certificate', type: 'string', usage: 'Path to a client certificate file for TLS' },
  { name: 'client-key', type: 'string', usage: 'Path to a client key file for TLS' },
  { name: 'disable-compression', type: 'bool', usage: 'If true, opt-out of response compression for all requests to the server' },
  { name: 'insecure-skip-tls-verify', type: 'bool', usage: "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure" },
  { name: 'match-server-version', type: 'bool', usage: 'Require server version to match client version' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'server', short: 's', type: 'string', usage: 'The address and port of the Kubernetes API server' },
  { name: 'tls-server-name', type: 'string', usage: 'Server name to use for server certificate validation.' },
  { name: 'token', type: 'string', usage: 'Bearer token for authentication to the API server' },
  { name: 'v', short: 'v', type: 'string', default: '0', usage: 'number for the log level verbosity' },
  { name: 'warnings-as-errors', type: 'bool', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
  { name: 'help', short: 'h', type: 'bool', usage: 'help' },
];
