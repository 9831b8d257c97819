import crypto from 'node:crypto';
import fs from 'node:fs';
import type { CommandContext } from '../context.js';
import { str } from '../context.js';
import { CommandError } from '../util/errors.js';
import type { Verb } from '../verb.js';
import { completeGenerator, generatorFlags } from './generator.js';
import { createSecret, secretObject } from './secret.js';

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Go opens a directory fine and fails on the read
    if (code === 'EISDIR') throw new CommandError(`error: Cannot read file ${file}, read ${file}: is a directory`);
    const text = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CommandError(`error: Cannot read file ${file}, open ${file}: ${text}`);
  }
}

/** tls.X509KeyPair's checks, with Go's messages for the usual mistakes. */
function checkKeyPair(cert: Buffer, key: Buffer): void {
  if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(cert.toString('latin1'))) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(cert.toString('latin1')))
      throw new CommandError('error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    const types = [...cert.toString('latin1').matchAll(/-----BEGIN ([A-Z ]+)-----/g)].map((m) => m[1]);
    if (types.length)
      throw new CommandError(`error: tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${types.join(' ')}]`);
    throw new CommandError('error: tls: failed to find any PEM data in certificate input');
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('latin1'))) {
    if (/-----BEGIN [A-Z ]*-----/.test(key.toString('latin1')))
      throw new CommandError('error: tls: found a certificate rather than a key in the PEM for the private key');
    throw new CommandError('error: tls: failed to find any PEM data in key input');
  }
  let x509: crypto.X509Certificate;
  let priv: crypto.KeyObject;
  try {
    x509 = new crypto.X509Certificate(cert);
  } catch (e) {
    throw new CommandError(`error: x509: malformed certificate`);
  }
  try {
    priv = crypto.createPrivateKey(key);
  } catch {
    throw new CommandError('error: tls: failed to parse private key');
  }
  if (!x509.checkPrivateKey(priv)) throw new CommandError('error: tls: private key does not match public key');
}

async function run(ctx: CommandContext): Promise<number> {
  const o = completeGenerator(ctx);
  const certPath = str(ctx.flags.cert);
  const keyPath = str(ctx.flags.key);
  if (!certPath || !keyPath) throw new CommandError('error: key and cert must be specified');
  const cert = readFile(certPath);
  const key = readFile(keyPath);
  checkKeyPair(cert, key);
  const data = new Map<string, Buffer>([
    ['tls.crt', cert],
    ['tls.key', key],
  ]);
  return createSecret(ctx, o, secretObject(o, 'kubernetes.io/tls', data, ctx.flags['append-hash'] === true));
}

export const verb: Verb = {
  name: 'tls',
  flags: [...generatorFlags(), { name: 'append-hash', type: 'bool' }, { name: 'cert', type: 'string' }, { name: 'key', type: 'string' }],
  help: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.

Examples:
  # Create a new TLS secret named tls-secret with the given key pair
  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key

Usage:
  kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`,
  run,
};
