import { Document } from 'yaml';

/**
 * YAML as kubectl prints it (sigs.k8s.io/yaml over go-yaml v2): keys sorted at every level, 2-space
 * indent, list items not indented under their key, strings quoted only where YAML would misread them.
 */
export function toYAML(obj: unknown): string {
  const doc = new Document(obj, { sortMapEntries: true, keepUndefined: false });
  return doc.toString({ indentSeq: false, lineWidth: 0, minContentWidth: 0, nullStr: 'null', defaultStringType: 'PLAIN', doubleQuotedAsJSON: true });
}
