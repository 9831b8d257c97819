/** Keys of ConfigMap and Secret data: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`. */
const CONFIG_MAP_KEY = '[-._a-zA-Z0-9]+';
const re = new RegExp(`^${CONFIG_MAP_KEY}$`);

export function isConfigMapKey(k: string): string[] {
  const errs: string[] = [];
  if (k.length > 253) errs.push('must be no more than 253 characters');
  if (!re.test(k))
    errs.push(
      `a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '${CONFIG_MAP_KEY}')`,
    );
  if (k === '.') errs.push("must not be '.'");
  else if (k === '..') errs.push("must not be '..'");
  else if (k.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Where Go's base64.StdEncoding gives up on a value, as `illegal base64 data at input byte N` reports it
 * (encoding/base64 decodeQuantum); undefined when the value decodes. Newlines are skipped, as Go does.
 */
export function base64ErrorOffset(value: string): number | undefined {
  const src = Buffer.from(value, 'utf8');
  const nl = (c: number) => c === 10 || c === 13;
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si++];
      if (B64.includes(String.fromCharCode(c))) continue;
      if (nl(c)) {
        j--;
        continue;
      }
      if (c !== 61 /* = */ || j < 2) return si - 1;
      if (j === 2) {
        while (si < src.length && nl(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 61) return si - 1;
        si++;
      }
      while (si < src.length && nl(src[si])) si++;
      return si < src.length ? si : undefined;
    }
  }
}
