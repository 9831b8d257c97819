import type { Check } from './index.js';

/**
 * Whether a Secret holds a key with a given value. Secrets store their data base64-encoded, and a task's
 * values are drawn per attempt, so the encoded form cannot be written in the task file: it is decoded here.
 * args: name, key, value, and optionally namespace (default: the task's) and type.
 */
export const secretData: Check = ({ reader, namespace }, args) => {
  const ns = String(args.namespace ?? namespace);
  const name = String(args.name);
  const key = String(args.key);
  const value = String(args.value);
  const says = `secret/${name} in namespace ${ns} has ${key}=${value}${args.type ? ` and type ${args.type}` : ''}`;
  const secret = reader.get('secrets', ns, name);
  if (!secret) return { ok: false, says, problem: `secret/${name} in namespace ${ns}: not found` };
  if (args.type && secret.type !== args.type) return { ok: false, says, problem: `secret/${name}: type is ${JSON.stringify(secret.type)}, expected ${JSON.stringify(args.type)}` };
  const raw = secret.data?.[key];
  if (raw === undefined) return { ok: false, says, problem: `secret/${name}: has no key ${key}` };
  const found = Buffer.from(String(raw), 'base64').toString('utf8');
  if (found !== value) return { ok: false, says, problem: `secret/${name}: ${key} is ${JSON.stringify(found)}, expected ${JSON.stringify(value)}` };
  return { ok: true, says };
};
