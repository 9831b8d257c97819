import fs from 'node:fs';
import path from 'node:path';
import type { KubeconfigDoc } from '../../cluster/home.js';
import type { Credential } from '../../cluster/api/authz/authentication.js';
import { CommandError } from '../util/errors.js';

/**
 * The client side of authentication: what a kubeconfig user entry sends with each request. Files named
 * in the entry are relative to the kubeconfig's folder, as clientcmd resolves them; the checks and
 * their messages are clientcmd's validateAuthInfo.
 */

/** A path as kubectl stores it: relative to the kubeconfig's folder (clientcmd's RelativizeAuthInfoLocalPaths). */
export function storedPath(home: string, file: string): string {
  return path.relative(home, path.resolve(file));
}

function resolved(home: string, file: string): string {
  return path.isAbsolute(file) ? file : path.join(home, file);
}

function goOpenError(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const text = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
  return `open ${file}: ${text}`;
}

/** The credential of the user entry `name`; an entry that is missing sends none (the request is anonymous). */
export function credentialOf(cfg: KubeconfigDoc, home: string, name: string): Credential {
  const u = cfg.users.find((x) => x.name === name)?.user;
  if (!u) return {};
  const s = (k: string) => (typeof u[k] === 'string' ? (u[k] as string) : '');
  const errs: string[] = [];
  const read = (kind: string, file: string): string | undefined => {
    const abs = resolved(home, file);
    try {
      return fs.readFileSync(abs, 'utf8');
    } catch (e) {
      errs.push(`unable to read ${kind} ${abs} for ${name} due to ${goOpenError(abs, e)}`);
      return undefined;
    }
  };
  const cred: Credential = {};
  if (s('client-certificate') || s('client-certificate-data')) {
    if (!s('client-key') && !s('client-key-data')) errs.push(`client-key-data or client-key must be specified for ${name} to use the clientCert authentication method.`);
    cred.clientCertificate = s('client-certificate-data') ? Buffer.from(s('client-certificate-data'), 'base64').toString('utf8') : read('client-cert', s('client-certificate'));
    if (s('client-key') && !s('client-key-data')) read('client-key', s('client-key'));
  }
  if (errs.length === 1) throw new CommandError(`error: ${errs[0]}`);
  if (errs.length) throw new CommandError(`Error in configuration: \n${errs.map((e) => `* ${e}`).join('\n')}`);
  if (s('token')) cred.token = s('token');
  if (s('username')) cred.username = s('username');
  if (s('password')) cred.password = s('password');
  return cred;
}
