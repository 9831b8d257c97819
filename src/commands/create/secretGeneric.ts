import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, generatorFlags } from './generator.js';
import { addSecretKey, createSecret, secretObject } from './secret.js';
import { parseLiteralSource, readEnvFile, readFileSources } from './sources.js';

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const files = ctx.flags['from-file'] as string[];
  const literals = ctx.flags['from-literal'] as string[];
  const envFiles = ctx.flags['from-env-file'] as string[];
  if (envFiles.length && (files.length || literals.length))
    throw new CommandError('error: from-env-file cannot be combined with from-file or from-literal');
  const data = new Map<string, Buffer>();
  // kubectl adds literals first, then files, then env files
  for (const l of literals) {
    const [k, v] = parseLiteralSource(l);
    addSecretKey(data, k, Buffer.from(v));
  }
  for (const [k, v] of readFileSources(files)) addSecretKey(data, k, v);
  for (const f of envFiles) for (const [k, v] of readEnvFile(f, ctx.env, 'env secret file cannot be a directory')) addSecretKey(data, k, Buffer.from(v));
  return createSecret(ctx, o, secretObject(o, str(ctx.flags.type), data, ctx.flags['append-hash'] === true));
}

export const verb: Verb = {
  name: 'generic',
  flags: [
    ...generatorFlags(),
    { name: 'append-hash', type: 'bool' },
    { name: 'from-env-file', usage: "Specify the path to a file to read lines of key=val pairs to create a secret.", type: 'stringSlice' },
    { name: 'from-file', usage: "Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.", type: 'stringSlice' },
    { name: 'from-literal', usage: "Specify a key and literal value to insert in secret (i.e. mykey=somevalue)", type: 'stringArray' },
    { name: 'type', type: 'string' },
  ],
  help: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).

Examples:
  # Create a new secret named my-secret with keys for each file in folder bar
  kubectl create secret generic my-secret --from-file=path/to/bar
  
  # Create a new secret named my-secret with specified keys instead of names on disk
  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub
  
  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret
  
  # Create a new secret named my-secret using a combination of a file and a literal
  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret
  
  # Create a new secret named my-secret from env files
  kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env

Usage:
  kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
