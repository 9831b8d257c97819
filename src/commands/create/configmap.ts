import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, createGenerated, generatorFlags, objectMeta, sortedMap } from './generator.js';
import { configMapKeyErrors, isUTF8, parseLiteralSource, readEnvFile, readFileSources } from './sources.js';
import { configMapHash } from './hash.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const files = ctx.flags['from-file'] as string[];
  const literals = ctx.flags['from-literal'] as string[];
  const envFiles = ctx.flags['from-env-file'] as string[];
  if (envFiles.length && (files.length || literals.length))
    throw new CommandError('error: from-env-file cannot be combined with from-file or from-literal');
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  const add = (key: string, value: string | Buffer) => {
    const errs = configMapKeyErrors(key);
    if (errs.length) throw new CommandError(`error: ${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (key in data) throw new CommandError(`error: cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(o.name)}`);
    if (key in binaryData)
      throw new CommandError(`error: cannot add key ${JSON.stringify(key)}, another key by that name already exists in BinaryData for ConfigMap ${JSON.stringify(o.name)}`);
    if (typeof value === 'string') data[key] = value;
    else if (isUTF8(value)) data[key] = value.toString('utf8');
    else binaryData[key] = value.toString('base64');
  };
  for (const [k, v] of readFileSources(files)) add(k, v);
  for (const l of literals) add(...parseLiteralSource(l));
  for (const f of envFiles) for (const [k, v] of readEnvFile(f, ctx.env, 'env config file cannot be a directory')) add(k, v);
  const name = ctx.flags['append-hash'] === true ? `${o.name}-${configMapHash(o.name, data, binaryData)}` : o.name;
  const cm: Record<string, unknown> = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: objectMeta({ name, namespace: o.enforceNamespace ? o.namespace : undefined }),
  };
  if (Object.keys(data).length) cm.data = sortedMap(data);
  if (Object.keys(binaryData).length) cm.binaryData = sortedMap(binaryData);
  return createGenerated(ctx, o, cm as unknown as KubeObject, 'failed to create configmap: ');
}

export const verb: Verb = {
  name: 'configmap',
  aliases: ['cm'],
  flags: [
    ...generatorFlags(),
    { name: 'append-hash', usage: "Append a hash of the configmap to its name.", type: 'bool' },
    { name: 'from-env-file', type: 'stringSlice' },
    { name: 'from-file', type: 'stringSlice' },
    { name: 'from-literal', type: 'stringArray' },
  ],
  help: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Aliases:
configmap, cm

Examples:
  # Create a new config map named my-config based on folder bar
  kubectl create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt
  
  # Create a new config map named my-config with key1=config1 and key2=config2
  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2
  
  # Create a new config map named my-config from the key=value pairs in the file
  kubectl create configmap my-config --from-file=path/to/bar
  
  # Create a new config map named my-config from an env file
  kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env

Usage:
  kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
