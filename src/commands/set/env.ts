import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { outputFormat } from '../create/generator.js';
import { CommandError } from '../util/errors.js';
import type { FlagSpec } from '../util/flags.js';
import type { Verb } from '../verb.js';
import { podTemplateFlags, runPodTemplateUpdate, selectContainers } from './podTemplate.js';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, any>;
}

/** SplitEnvironmentFromResources: resources first, then KEY=VALUE and KEY- arguments. */
function splitArgs(args: string[]): { resources: string[]; envArgs: string[] } {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = /^.+=/s.test(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length) throw new CommandError('error: all resources must be specified before environment changes: ' + s);
    else resources.push(s);
  }
  return { resources, envArgs };
}

/** validation.IsEnvVarName */
function envNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) errs.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')");
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** envutil.ParseEnv: variables to set and names to remove. */
function parseEnv(specs: string[], stdin: string | undefined): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const lines = (spec: string) => {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq);
    const errs = envNameErrors(name);
    if (errs.length) throw new CommandError(`error: ${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
    env.push({ name, value: spec.slice(eq + 1) });
  };
  for (const spec of specs) {
    if (spec === '-') {
      for (const line of (stdin ?? '').split('\n')) if (line.trim() && !line.startsWith('#')) lines(line);
    } else if (spec.includes('=')) lines(spec);
    else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new CommandError(`error: unknown environment variable: ${spec}`);
  }
  if (remove.some((r) => env.some((e) => e.name === r))) throw new CommandError('error: can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

/** updateEnv: an added variable replaces every one of its name in place; removals win. */
function updateEnv(existing: EnvVar[], env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

function refString(from: Record<string, any>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

async function run(ctx: CommandContext): Promise<number> {
  const f = ctx.flags;
  const { resources, envArgs } = splitArgs(ctx.args);
  if (!(f.filename as string[]).length && !resources.length) throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = f.list === true;
  if (list && str(f.output)) throw new CommandError('error: --list and --output may not be specified together');
  const keys = f.keys as string[];
  const from = str(f.from);
  if (keys.length && !from) throw new CommandError('error: when specifying --keys, a configmap or secret must be provided with --from');
  outputFormat(ctx);
  const specs = [...(f.env as string[]), ...envArgs];
  const { env, remove } = parseEnv(specs, specs.includes('-') ? await ctx.io.readStdin?.() : undefined);
  if (from) {
    const client = await ctx.client();
    const [type, name] = from.split('/');
    const { resolveType } = await import('../util/resourceArgs.js');
    const spec = resolveType(client.kinds, type);
    const source = client.get(spec, ctx.namespace, name);
    if (source.kind !== 'ConfigMap' && source.kind !== 'Secret') throw new CommandError('error: unsupported resource specified in --from');
    const ref = source.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
    for (const key of Object.keys(source.data ?? {}).sort()) {
      if (keys.length && !keys.includes(key)) continue;
      const envName = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (envName !== key) ctx.io.err(`Warning: key ${key} transferred to ${envName}\n`);
      env.push({ name: envName, valueFrom: { [ref]: { key, name: source.metadata.name } } });
    }
  }
  for (const e of env) e.name = str(f.prefix) + e.name;
  if (!list && !env.length && !remove.length) throw new CommandError('error: at least one environment variable must be provided');
  const pattern = str(f.containers);
  return runPodTemplateUpdate(ctx, {
    resources,
    word: 'env updated',
    failure: 'failed to patch env update to pod template: ',
    skipWrite: list,
    update(podSpec: KubeObject, obj: KubeObject) {
      const containers = [...selectContainers(podSpec.containers, pattern), ...selectContainers(podSpec.initContainers, pattern)];
      if (!containers.length) ctx.io.err(`Warning: ${obj.kind}/${obj.metadata.name} does not have any containers matching ${JSON.stringify(pattern)}\n`);
      for (const c of containers) {
        if (f.overwrite === false)
          for (const e of env) {
            const current = (c.env ?? []).find((x: EnvVar) => x.name === e.name);
            if (current && current.value !== e.value) throw new Error(`'${current.name}' already has a value (${current.value}), and --overwrite is false`);
          }
        const next = updateEnv(c.env ?? [], env, remove);
        if (next.length) c.env = next;
        else delete c.env;
        if (list) {
          ctx.io.out(`# ${obj.kind} ${obj.metadata.name}, container ${c.name}\n`);
          for (const e of next) ctx.io.out(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
        }
      }
    },
  });
}

const flags: FlagSpec[] = [
  ...podTemplateFlags({
    all: "If true, select all resources in the namespace of the specified resource types",
    containers: "The names of containers in the selected pod templates to change - may use wildcards",
    filename: "Filename, directory, or URL to files the resource to update the env",
    local: "If true, set env will NOT contact api-server but run locally.",
  }),
  { name: 'env', short: 'e', type: 'stringArray', usage: "Specify a key-value pair for an environment variable to set into each container." },
  { name: 'from', type: 'string', usage: "The name of a resource from which to inject environment variables" },
  { name: 'keys', type: 'stringSlice', usage: "Comma-separated list of keys to import from specified resource" },
  { name: 'list', type: 'bool', usage: "If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env." },
  { name: 'overwrite', type: 'bool', default: true, usage: "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment." },
  { name: 'prefix', type: 'string', usage: "Prefix to append to variable names" },
  { name: 'resolve', type: 'bool', usage: "If true, show secret or configmap references when listing variables" },
];

const help = `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Update deployment 'registry' with a new environment variable
  kubectl set env deployment/registry STORAGE_DIR=/local
  
  # List the environment variables defined on a deployments 'sample-build'
  kubectl set env deployment/sample-build --list
  
  # List the environment variables defined on all pods
  kubectl set env pods --all --list
  
  # Output modified deployment in YAML, and does not alter the object on the server
  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml
  
  # Update all containers in all replication controllers in the project to have ENV=prod
  kubectl set env rc --all ENV=prod
  
  # Import environment from a secret
  kubectl set env --from=secret/mysecret deployment/myapp
  
  # Import environment from a config map with a prefix
  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp
  
  # Import specific keys from a config map
  kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp
  
  # Remove the environment variable ENV from container 'c1' in all deployment configs
  kubectl set env deployments --all --containers="c1" ENV-
  
  # Remove the environment variable ENV from a deployment definition on disk and
  # update the deployment config on the server
  kubectl set env -f deploy.json ENV-
  
  # Set some of the local shell environment into a deployment config on the server
  env | grep RAILS_ | kubectl set env -e - deployment/registry

Usage:
  kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const verb: Verb = { name: 'env', flags, help, run };
