// What the Kubernetes API's Go sources (k8s.io/api, k8s.io/apimachinery, k8s.io/apiextensions-apiserver)
// tell that the spec files do not:
// - the `+enum` types and where structs use them, read the way kube-openapi's openapi-gen does
//   (pkg/generators/enum.go): a string type tagged `+enum`, its values the string constants of that type
//   (each with its doc comment), sorted. A running API server with the OpenAPIEnums feature (beta, on by
//   default) publishes them; the spec files in the kubernetes repository are generated without it.
// - each struct's fields in declaration order, the order the API server's JSON encoder writes them in.
import fs from 'node:fs';
import path from 'node:path';

function goFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...goFiles(p));
    else if (e.name.endsWith('.go') && !e.name.endsWith('_test.go') && !e.name.startsWith('zz_generated') && !e.name.startsWith('generated.')) out.push(p);
  }
  return out;
}

/** The `//` comment lines right above line i (go/ast's Doc), markers and the first space removed. */
function docAbove(lines, i) {
  const out = [];
  for (let j = i - 1; j >= 0; j--) {
    const m = /^\s*\/\/(.*)$/.exec(lines[j]);
    if (!m) break;
    out.unshift(m[1].startsWith(' ') ? m[1].slice(1) : m[1]);
  }
  return out;
}

/** Go's strconv.Unquote for the simple string literals the API uses. */
function unquote(s) {
  return JSON.parse(`"${s}"`);
}

/** The modules read, with the prefix of their OpenAPI definition names. */
export const MODULES = [
  { module: 'k8s.io/api', defPrefix: 'io.k8s.api' },
  { module: 'k8s.io/apimachinery', defPrefix: 'io.k8s.apimachinery' },
  { module: 'k8s.io/apiextensions-apiserver', defPrefix: 'io.k8s.apiextensions-apiserver' },
];

/** `k8s.io/api/core/v1.Pod` -> `io.k8s.api.core.v1.Pod` */
export function definitionOf(qualified) {
  for (const m of MODULES)
    if (qualified.startsWith(`${m.module}/`)) return `${m.defPrefix}.${qualified.slice(m.module.length + 1).replaceAll('/', '.')}`;
  return undefined;
}

/**
 * Reads every package under the checkouts of MODULES (dirs in the same order). Returns the enum types by
 * qualified name (`k8s.io/api/core/v1.PullPolicy`) and the struct members by definition name
 * (`io.k8s.api.core.v1.ServicePort`), in declaration order, each with its JSON name and Go type resolved
 * to a qualified name.
 */
export function readPackages(dirs) {
  const enumTypes = new Map(); // qualified name -> { values: Map(value -> {name, comment}) }
  const constants = []; // { type (qualified), name, value, comment }
  const structs = new Map(); // definition name -> [{ json, type: {kind, name} } | { inline }]
  const files = dirs.flatMap((dir, i) => goFiles(dir).map((file) => ({ dir, file, ...MODULES[i] })));
  for (const { dir: apiDir, file, module } of files) {
    const rel = path.relative(apiDir, path.dirname(file)).split(path.sep).join('/');
    const pkg = `${module}/${rel}`;
    const def = definitionOf(`${pkg}.X`).slice(0, -2);
    const src = fs.readFileSync(file, 'utf8');
    const lines = src.split('\n');
    // imports: alias -> package path
    const imports = new Map();
    for (const m of src.matchAll(/^\s*(?:(\w+)\s+)?"([^"]+)"\s*$/gm)) imports.set(m[1] ?? m[2].split('/').pop(), m[2]);
    const qualify = (t) => {
      const dot = t.indexOf('.');
      if (dot < 0) return `${pkg}.${t}`;
      return `${imports.get(t.slice(0, dot)) ?? t.slice(0, dot)}.${t.slice(dot + 1)}`;
    };
    /** `*T`, `[]T`, `map[K]T` -> { kind: 'value'|'slice'|'map', name } */
    const typeRef = (t) => {
      let kind = 'value';
      t = t.replace(/^\*/, '');
      if (t.startsWith('[]')) {
        kind = 'slice';
        t = t.slice(2).replace(/^\*/, '');
      } else if (t.startsWith('map[')) {
        kind = 'map';
        t = t.slice(t.indexOf(']') + 1).replace(/^\*/, '');
      }
      return { kind, name: qualify(t) };
    };
    let inConst = false;
    let struct = null;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m;
      if ((m = /^type (\w+) string\s*$/.exec(line))) {
        if (docAbove(lines, i).some((l) => /^\+enum\s*$/.test(l.trim()))) enumTypes.set(`${pkg}.${m[1]}`, { values: new Map() });
        continue;
      }
      if ((m = /^type (\w+) struct \{\s*$/.exec(line))) {
        struct = { def: `${def}.${m[1]}`, members: [] };
        continue;
      }
      if (struct) {
        if (/^\}/.test(line)) {
          structs.set(struct.def, struct.members);
          struct = null;
          continue;
        }
        if ((m = /^\t(\w+)\s+([\w.*[\]]+)\s+`.*json:"([^"]*)"/.exec(line))) {
          const json = m[3].split(',')[0];
          if (json && json !== '-') struct.members.push({ json, type: typeRef(m[2]) });
        } else if ((m = /^\t([\w.*]+)\s+`.*json:",inline"/.exec(line))) struct.members.push({ inline: qualify(m[1].replace(/^\*/, '')) });
        // an embedded struct with a name of its own (`metav1.ObjectMeta \`json:"metadata"\``)
        else if ((m = /^\t([\w.*]+)\s+`.*json:"([^",]+)/.exec(line))) struct.members.push({ json: m[2], type: typeRef(m[1]) });
        continue;
      }
      if (/^const \($/.test(line)) inConst = true;
      else if (inConst && /^\)/.test(line)) inConst = false;
      const c = inConst ? /^\s*(\w+)\s+([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line) : /^const (\w+)\s+([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line);
      if (c) constants.push({ type: qualify(c[2]), name: c[1], value: unquote(c[3]), comment: docAbove(lines, i).join(' ') });
    }
  }
  for (const c of constants) {
    const e = enumTypes.get(c.type);
    if (!e) continue;
    const existing = e.values.get(c.value);
    // enum.go addIfNotPresent: the longer comment wins, then the smaller one
    if (!existing || existing.comment.length < c.comment.length || (existing.comment.length === c.comment.length && existing.comment > c.comment))
      e.values.set(c.value, { name: c.name, comment: c.comment });
  }
  return { enumTypes, structs };
}

/** Go's %q of a string: the JSON quoting is the same for the values the API uses. */
const goQuote = (s) => JSON.stringify(s);

/** enum.go ValueStrings: the quoted values, sorted; returned unquoted, in that order. */
export function enumValues(e) {
  return [...e.values.keys()].map(goQuote).sort().map((q) => JSON.parse(q));
}

/** enum.go DescriptionLines through generateDescription: `Possible enum values:` and one line per value. */
export function enumDescription(e) {
  const lines = [...e.values.entries()]
    .map(([value, v]) => {
      let comment = v.comment.trim();
      if (comment.startsWith(v.name)) comment = comment.slice(v.name.length);
      comment = comment.trim().replace(/\s+/g, ' ');
      // generateDescription trims each line's trailing spaces
      return ` - \`${goQuote(value)}\` ${comment}`.replace(/ +$/, '');
    })
    .sort();
  return `Possible enum values:\n${lines.join('\n')}`;
}

/**
 * Adds the enums to the schemas of an OpenAPI v3 document (in place), as openapi-gen generates them
 * (generateProperty): a member of an enum type gets `enum` and the values appended to its description;
 * a slice or map of one gets `enum` on its items or values.
 */
/** A struct's fields in declaration order, inlined structs (TypeMeta, ListMeta...) expanded in place. */
export function membersOf(structs, def, seen = new Set()) {
  if (seen.has(def)) return [];
  seen.add(def);
  return (structs.get(def) ?? []).flatMap((m) => {
    if (!m.inline) return [m];
    const inl = definitionOf(m.inline);
    return inl ? membersOf(structs, inl, seen) : [];
  });
}

export function addEnums(schemas, pkgs) {
  const { enumTypes, structs } = pkgs;
  let count = 0;
  for (const [def, schema] of Object.entries(schemas)) {
    for (const m of membersOf(structs, def)) {
      const e = enumTypes.get(m.type.name);
      const prop = schema.properties?.[m.json];
      if (!e || !prop || e.values.size === 0) continue;
      const values = enumValues(e);
      if (m.type.kind === 'value') {
        prop.description = prop.description ? `${prop.description}\n\n${enumDescription(e)}` : enumDescription(e);
        prop.enum = values;
      } else if (m.type.kind === 'slice' && prop.items) prop.items.enum = values;
      else if (m.type.kind === 'map' && typeof prop.additionalProperties === 'object') prop.additionalProperties.enum = values;
      else continue;
      count++;
    }
  }
  return count;
}

/**
 * Puts each schema's properties in its Go struct's field order (in place), which is the order the API
 * server's JSON encoder writes an object's fields in; properties the struct does not declare stay last.
 * Only the order changes: explain sorts fields by name, and the documents are JSON maps either way.
 */
export function orderProperties(schemas, pkgs) {
  let count = 0;
  for (const [def, schema] of Object.entries(schemas)) {
    if (!schema.properties) continue;
    const order = membersOf(pkgs.structs, def).map((m) => m.json);
    if (!order.length) continue;
    const props = schema.properties;
    const known = order.filter((n) => n in props);
    schema.properties = Object.fromEntries([...known, ...Object.keys(props).filter((n) => !known.includes(n))].map((n) => [n, props[n]]));
    count++;
  }
  return count;
}
