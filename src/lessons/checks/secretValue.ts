import type { Check } from './index.js';

/**
 * Whether a Secret holds a key with a given plain-text value. Secrets store base64 in `data`, and a task's
 * values are drawn per attempt, so the encoded form cannot be written in the task file; this decodes instead.
 * Args: name, key, value, and namespace (default: the task's).
 */
export const secretValue: Check = ({ reader, namespace }, args) => {
  const name = String(args.name);
  const key = String(args.key);
  const want = String(args.value);
  const ns = args.namespace === undefined ? namespace : String(args.namespace);
  const says = `secret/${name} in namespace ${ns} holds ${key}=${want}`;
  const secret = reader.get('secrets', ns, name);
  if (!secret) return { ok: false, says, problem: `secret/${name} in namespace ${ns}: not found` };
  const encoded = (secret.data as Record<string, string> | undefined)?.[key];
  if (encoded === undefined) return { ok: false, says, problem: `secret/${name} in namespace ${ns} has no key ${key}` };
  const found = Buffer.from(encoded, 'base64').toString('utf8');
  return found === want ? { ok: true, says } : { ok: false, says, problem: `secret/${name} in namespace ${ns}: ${key} is ${JSON.stringify(found)}, expected ${JSON.stringify(want)}` };
};
