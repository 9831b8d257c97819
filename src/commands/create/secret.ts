import type { KubeObject } from '../../cluster/api/types.js';
import type { CommandContext } from '../context.js';
import { CommandError, UsageError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { type GeneratorOptions, createGenerated, objectMeta, sortedMap } from './generator.js';
import { configMapKeyErrors } from './sources.js';
import { secretHash } from './hash.js';

/** A corev1.Secret in Go field order; empty data is omitted. Values are raw bytes. */
export function secretObject(o: GeneratorOptions, type: string, data: Map<string, Buffer>, appendHash: boolean): KubeObject {
  const encoded: Record<string, string> = {};
  for (const [k, v] of data) encoded[k] = v.toString('base64');
  const name = appendHash ? `${o.name}-${secretHash(o.name, type, encoded)}` : o.name;
  const secret: Record<string, unknown> = {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: objectMeta({ name, namespace: o.enforceNamespace ? o.namespace : undefined }),
  };
  if (data.size) secret.data = sortedMap(encoded);
  if (type) secret.type = type;
  return secret as unknown as KubeObject;
}

/** addKeyFromLiteralToSecret */
export function addSecretKey(data: Map<string, Buffer>, key: string, value: Buffer): void {
  const errs = configMapKeyErrors(key);
  if (errs.length) throw new CommandError(`error: ${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (data.has(key)) throw new CommandError(`error: cannot add key ${key}, another key by that name already exists`);
  data.set(key, value);
}

/** The typed client's error context for secrets has no colon: `failed to create secret secrets "x" already exists`. */
export function createSecret(ctx: CommandContext, o: GeneratorOptions, secret: KubeObject): Promise<number> {
  return createGenerated(ctx, o, secret, 'failed to create secret ');
}

/** `kubectl create secret` alone prints its help on stderr and fails; an unknown type is a usage error. */
async function run(ctx: CommandContext): Promise<number> {
  if (!ctx.args.length) {
    ctx.io.err(verb.help);
    return 1;
  }
  throw new UsageError(`unknown command ${JSON.stringify(ctx.args[0])}`);
}

export const verb: Verb = {
  name: 'secret',
  flags: [],
  help: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  subcommands: {
    generic: async () => (await import('./secretGeneric.js')).verb,
    'docker-registry': async () => (await import('./secretDockerRegistry.js')).verb,
    tls: async () => (await import('./secretTLS.js')).verb,
  },
  run,
};
