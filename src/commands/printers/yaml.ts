import { Document, Scalar, visit } from 'yaml';

/**
 * Strings go-yaml v2 would read back as something else (YAML 1.1 booleans such as y/on/off, nulls,
 * numbers, base-60 numbers, timestamps): it writes them double-quoted.
 */
const GO_NON_STRING = new RegExp(
  '^(?:' +
    [
      'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF',
      '~|null|Null|NULL|',
      '[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)',
      '[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?',
      '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?',
      '[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
      '\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt ]\\d{1,2}:\\d{1,2}:\\d{1,2}(?:\\.\\d*)?(?:Z|[+-]\\d{1,2}(?::\\d{2})?)?)?',
    ].join('|') +
    ')$',
);

/**
 * YAML as kubectl prints it (sigs.k8s.io/yaml over go-yaml v2): keys sorted at every level, 2-space
 * indent, list items not indented under their key, strings plain where possible, double-quoted where
 * YAML 1.1 would misread them, single-quoted where a plain scalar cannot hold them (a cron schedule).
 */
export function toYAML(obj: unknown): string {
  const doc = new Document(obj, { sortMapEntries: true, keepUndefined: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && GO_NON_STRING.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    nullStr: 'null',
    defaultStringType: 'PLAIN',
    doubleQuotedAsJSON: true,
    singleQuote: true,
  });
}
