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
