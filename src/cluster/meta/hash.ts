/** FNV-1a, 32 bits: what the deployment and daemonset controllers hash pod templates with. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` hex digits that stand for `seed`, always the same ones: container IDs, image digests, sandbox IDs. */
export function hexOf(seed: string, n: number): string {
  let out = '';
  let h = fnv32a(seed);
  while (out.length < n) {
    h = fnv32a(`${h}${seed}`);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** apimachinery's SafeEncodeString: each character mapped into an alphabet without vowels or look-alikes. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** A stable JSON rendering (sorted keys), so equal templates hash equally whatever their key order. */
export function stableJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJSON).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJSON((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The pod-template-hash label value: FNV-32a of the template (and collisionCount), safe-encoded. */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  const s = stableJSON(template) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(fnv32a(s)));
}
