import fs from 'node:fs';
import path from 'node:path';
import { CommandError } from '../util/errors.js';

/**
 * Where configmap and secret data come from: --from-literal, --from-file (files, directories, key=path)
 * and --from-env-file, with kubectl's parsing rules and messages (pkg/util, cmd/util/env_file.go).
 */

/** ParseLiteralSource: `key=value`, split at the first '='. */
export function parseLiteralSource(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new CommandError(`error: invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** ParseFileSource: `path` (key = basename) or `key=path`. */
export function parseFileSource(source: string): [string, string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [path.posix.basename(source.replace(/\\/g, '/')) || source, source];
  if (n === 1 && source.startsWith('=')) throw new CommandError(`error: key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new CommandError(`error: file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new CommandError(`error: key names or file paths cannot contain '='`);
  const [k, p] = source.split('=');
  return [k, p];
}

/** validation.IsConfigMapKey's messages. */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(key))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function statOrFail(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const text = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CommandError(`error: error reading ${p}: ${text}`);
  }
}

/** Each (key, bytes) pair of the --from-file sources, in order; a directory gives its regular files by name. */
export function readFileSources(sources: string[]): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const source of sources) {
    const [key, p] = parseFileSource(source);
    const st = statOrFail(p);
    if (st.isDirectory()) {
      if (source.includes('=')) throw new CommandError('error: cannot give a key name for a directory path');
      const entries = fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) if (e.isFile()) out.push([e.name, fs.readFileSync(path.join(p, e.name))]);
    } else out.push([key, fs.readFileSync(p)]);
  }
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** AddFromEnvFile: `KEY=value` lines; blank lines and `#` comments skipped; a bare KEY reads the environment. */
export function readEnvFile(p: string, env: NodeJS.ProcessEnv, dirMessage: string): [string, string][] {
  const st = statOrFail(p);
  if (st.isDirectory()) throw new CommandError(`error: ${dirMessage}`);
  const text = fs.readFileSync(p, 'utf8');
  const out: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    let line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    line = line.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq >= 0 ? line.slice(0, eq) : line;
    if (!ENV_NAME.test(key))
      throw new CommandError(
        `error: ${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`,
      );
    out.push([key, eq >= 0 ? line.slice(eq + 1) : (env[key] ?? '')]);
  });
  return out;
}

/** utf8.Valid */
export function isUTF8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
