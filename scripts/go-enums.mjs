// The `+enum` types of k8s.io/api and where its structs use them, read from the Go sources the way
// kube-openapi's openapi-gen does (pkg/generators/enum.go): a string type tagged `+enum`, its values the
// string constants of that type (each with its doc comment), sorted. A served API server with the
// OpenAPIEnums feature (beta, on by default) publishes them; the spec files in the kubernetes repository
// are generated without it, so scripts/gen-openapi.mjs adds them back from here.
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

/**
 * Reads every package under apiDir (a checkout of k8s.io/api). Returns the enum types by qualified name
 * (`k8s.io/api/core/v1.PullPolicy`) and the struct members by definition name
 * (`io.k8s.api.core.v1.ServicePort`), each member with its JSON name and Go type resolved to a
 * qualified name.
 */
export function readPackages(apiDir) {
  const enumTypes = new Map(); // qualified name -> { values: Map(value -> {name, comment}) }
  const constants = []; // { type (qualified), name, value, comment }
  const structs = new Map(); // definition name -> [{ json, type: {kind, name} }]
  for (const file of goFiles(apiDir)) {
    const rel = path.relative(apiDir, path.dirname(file)).split(path.sep).join('/');
    const pkg = `k8s.io/api/${rel}`;
    const def = `io.k8s.api.${rel.replaceAll('/', '.')}`;
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
export function addEnums(schemas, pkgs) {
  const { enumTypes, structs } = pkgs;
  const membersOf = (def, seen = new Set()) => {
    if (seen.has(def)) return [];
    seen.add(def);
    return (structs.get(def) ?? []).flatMap((m) => {
      if (!m.inline) return [m];
      // an inlined struct's members: k8s.io/api/core/v1.Foo -> io.k8s.api.core.v1.Foo
      const inl = m.inline.replace(/^k8s\.io\/api\/(.*)\.(\w+)$/, (_, p, n) => `io.k8s.api.${p.replaceAll('/', '.')}.${n}`);
      return membersOf(inl, seen);
    });
  };
  let count = 0;
  for (const [def, schema] of Object.entries(schemas)) {
    for (const m of membersOf(def)) {
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
