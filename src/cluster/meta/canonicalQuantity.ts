/**
 * resource.ParseQuantity followed by Quantity.String(): the canonical form kubectl prints for --hard
 * (`0.5` -> `500m`, `1024Mi` -> `1Gi`, `2000M` -> `2G`). Values are kept as exact rationals over 10^9.
 */
const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: [number, string][] = [
  [18, 'E'],
  [15, 'P'],
  [12, 'T'],
  [9, 'G'],
  [6, 'M'],
  [3, 'k'],
  [0, ''],
  [-3, 'm'],
  [-6, 'u'],
  [-9, 'n'],
];

export const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * ParseQuantity keeps the string as written when its digits are already in canonical shape: no
 * leading zero, a decimal scale that is a multiple of 3 without trailing "000", or a binary suffix on
 * a value that is not a multiple of 8.
 */
function writtenCanonical(whole: string, frac: string, suffix: string): boolean {
  const num = whole.replace(/^0+/, '') || '0';
  if (suffix in BINARY) {
    const exponent = Math.log2(Number(BINARY[suffix]));
    if (frac.length) return false;
    if (15 - num.length - Math.floor((exponent * 3) / 10) - 1 < 0) return false;
    return (BigInt(num) & 7n) !== 0n;
  }
  const exponent = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : DECIMAL[suffix];
  if (18 - (num.length + frac.length) < 0) return false;
  const scale = exponent - frac.length;
  if (scale < -9) return false;
  const shifted = num + frac;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

/** Returns the canonical string, or undefined when the text is not a quantity. */
export function canonicalQuantity(text: string): string | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?((?:[eE][-+]?[0-9]+)|Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const neg = m[1] === '-';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  // value * 10^9 as an integer (rounded up to nano, as Kubernetes rounds)
  let digits = BigInt((m[2] || '0') + frac);
  let scale = -frac.length; // value = digits * 10^scale
  let binary = false;
  if (suffix in BINARY) {
    digits *= BINARY[suffix];
    binary = true;
  } else if (/^[eE]/.test(suffix)) scale += Number(suffix.slice(1));
  else scale += DECIMAL[suffix];
  let nano: bigint;
  const shift = scale + 9;
  if (shift >= 0) nano = digits * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    nano = (digits + div - 1n) / div;
  }
  if (text === '0' || writtenCanonical(m[2], frac, suffix)) return text;
  if (nano === 0n) return '0';
  const sign = neg ? '-' : '';
  if (binary && nano % 1_000_000_000n === 0n) {
    const whole = nano / 1_000_000_000n;
    if (whole >= 1024n) {
      for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) if (whole % BINARY[s] === 0n) return `${sign}${whole / BINARY[s]}${s}`;
      return `${sign}${whole}`;
    }
  }
  const exponentForm = /^[eE]/.test(suffix);
  for (const [exp, s] of DECIMAL_SUFFIX) {
    const unit = 10n ** BigInt(exp + 9);
    if (nano % unit === 0n) {
      const v = nano / unit;
      if (exponentForm) return `${sign}${v}${exp === 0 ? '' : `e${exp}`}`;
      return `${sign}${v}${s}`;
    }
  }
  return `${sign}${nano}n`;
}
