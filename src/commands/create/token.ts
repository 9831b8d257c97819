import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeObject } from '../../cluster/api/types.js';
import { StatusError } from '../../cluster/api/status.js';
import { parseDuration } from '../../cluster/meta/duration.js';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { printObjects } from '../printers/index.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { nameFromArgs, outputFormat } from './generator.js';

/** The kinds a token can be bound to, with their API versions. */
const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

/** kubeadm's API audience and issuer. */
const AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * `kubectl create token SA`: a TokenRequest for the service account. The simulated API server issues a
 * JWT with the claims a real one carries (issuer, audiences, expiry, the service account and bound object);
 * its signature is random, since nothing here verifies it.
 */
async function run(ctx: CommandContext): Promise<number> {
  const name = nameFromArgs(ctx);
  const namespace = ctx.namespace;
  const output = str(ctx.flags.output) || str(ctx.flags.template) ? outputFormat(ctx) : undefined;
  const duration = str(ctx.flags.duration);
  const ms = (duration.startsWith('-') ? -1 : 1) * (parseDuration(duration.replace(/^[-+]/, '')) ?? 0);
  const audiences = ctx.flags.audience as string[];
  const boundKind = str(ctx.flags['bound-object-kind']);
  const boundName = str(ctx.flags['bound-object-name']);
  const boundUID = str(ctx.flags['bound-object-uid']);
  if (ms < 0) throw new CommandError('error: --duration must be greater than or equal to 0');
  if (ms % 1000 !== 0) throw new CommandError('error: --duration cannot be expressed in units less than seconds');
  if (audiences.some((a) => a === '')) throw new CommandError('error: --audience must not be an empty string');
  if (!boundKind) {
    if (boundName) throw new CommandError('error: --bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUID) throw new CommandError('error: --bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!BOUND_KINDS[boundKind]) throw new CommandError(`error: supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).sort().join(', ')}`);
    if (!boundName) throw new CommandError('error: --bound-object-name is required if --bound-object-kind is provided');
  }
  const client = await ctx.client();
  const fail = (e: unknown): never => {
    if (e instanceof StatusError) throw new CommandError(`error: failed to create token: ${e.message}`);
    throw e;
  };
  let sa: KubeObject;
  try {
    sa = client.get(client.kinds.forObject('v1', 'ServiceAccount')!, namespace, name);
  } catch (e) {
    return fail(e);
  }
  const expirationSeconds = ms ? ms / 1000 : 3600;
  if (expirationSeconds < 600)
    fail(
      new StatusError(
        'Invalid',
        422,
        `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`,
      ),
    );
  let bound: KubeObject | undefined;
  if (boundKind) {
    const spec = client.kinds.forObject('v1', boundKind)!;
    try {
      bound = client.get(spec, spec.namespaced ? namespace : undefined, boundName);
    } catch (e) {
      return fail(e);
    }
    if (boundUID && bound.metadata.uid !== boundUID)
      fail(new StatusError('Conflict', 409, `the UID in the bound object reference (${boundUID}) does not match the UID in record. The object might have been deleted and then recreated`));
  }
  const now = Math.floor(client.now() / 1000);
  const exp = now + expirationSeconds;
  const claims: Record<string, unknown> = {
    aud: audiences.length ? audiences : [AUDIENCE],
    exp,
    iat: now,
    iss: AUDIENCE,
    jti: randomUUID(),
    'kubernetes.io': {
      namespace,
      ...(bound ? { [boundKind.toLowerCase()]: { name: bound.metadata.name, uid: bound.metadata.uid } } : {}),
      serviceaccount: { name, uid: sa.metadata.uid },
    },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  const header = { alg: 'RS256', kid: b64url(randomBytes(32)) };
  const token = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(randomBytes(256))}`;
  if (output) {
    const request = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null },
      spec: {
        audiences: claims.aud,
        expirationSeconds,
        boundObjectRef: bound ? { kind: boundKind, apiVersion: BOUND_KINDS[boundKind], name: boundName, uid: bound.metadata.uid } : null,
      },
      status: { token, expirationTimestamp: new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
    } as unknown as KubeObject;
    ctx.io.out(await printObjects(output, [request], true, false));
    return 0;
  }
  // kubectl ends the token with a newline only on a terminal
  ctx.io.out(ctx.io.isTTY ? `${token}\n` : token);
  return 0;
}

export const verb: Verb = {
  name: 'token',
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'audience', type: 'stringArray' },
    { name: 'bound-object-kind', type: 'string' },
    { name: 'bound-object-name', type: 'string' },
    { name: 'bound-object-uid', type: 'string' },
    { name: 'duration', type: 'duration', default: '0s' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  help: `Request a service account token.

Examples:
  # Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
  kubectl create token myapp
  
  # Request a token for a service account in a custom namespace
  kubectl create token myapp --namespace myns
  
  # Request a token with a custom expiration
  kubectl create token myapp --duration 10m
  
  # Request a token with a custom audience
  kubectl create token myapp --audience https://example.com
  
  # Request a token bound to an instance of a Secret object
  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret
  
  # Request a token bound to an instance of a Secret object with a specific UID
  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc

Usage:
  kubectl create token SERVICE_ACCOUNT_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
