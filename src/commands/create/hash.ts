import { createHash } from 'node:crypto';
import { goJSON, sortedMap } from './generator.js';

/** --append-hash: kubectl's pkg/util/hash (sha256 of a small JSON, first 10 hex digits, made unambiguous). */
function encodeHash(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

function hashOf(m: Record<string, unknown>): string {
  return encodeHash(createHash('sha256').update(goJSON(sortedMap(m))).digest('hex'));
}

/** `data` values as strings, `binaryData` and secret data base64-encoded (as Go marshals []byte). */
export function configMapHash(name: string, data: Record<string, string>, binaryData: Record<string, string>): string {
  const m: Record<string, unknown> = { kind: 'ConfigMap', name, data: sortedMap(data) };
  if (Object.keys(binaryData).length) m.binaryData = sortedMap(binaryData);
  return hashOf(m);
}

export function secretHash(name: string, type: string, data: Record<string, string>): string {
  return hashOf({ kind: 'Secret', type, name, data: sortedMap(data) });
}
