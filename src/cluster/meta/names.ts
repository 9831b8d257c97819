/** The alphabet apimachinery uses for generated name suffixes: no vowels, no 0, 1 or 3. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n: number, random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[Math.floor(random() * ALPHANUMS.length)];
  return s;
}

/** generateName: the prefix cut to 58 characters, then 5 random characters. */
export function generateName(prefix: string, random: () => number = Math.random): string {
  return prefix.slice(0, 63 - 5) + randomSuffix(5, random);
}

/** A v4-style UUID drawn from the given random source, so tests with a seeded source are reproducible. */
export function newUid(random: () => number = Math.random): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = '89ab'[Math.floor(random() * 4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
