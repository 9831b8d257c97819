import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from './client/client.js';
import type { KubeObject } from './api/types.js';
import { StatusError } from './api/status.js';

/** fixtures/ at the package root (this file runs from dist/src/cluster/). */
export const fixturesDir = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export function fixtureFile(name: string): string {
  return `${fixturesDir}clusters/${name}.yaml`;
}

export function listFixtures(): string[] {
  try {
    return fs
      .readdirSync(`${fixturesDir}clusters`)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Loads a starting cluster: every document of the fixture is created through the API (so it is
 * defaulted and validated like anything a learner applies), then its status, if the fixture gives one,
 * is written through the status subresource, as the kubelet and controllers would have written it.
 */
export async function loadFixture(client: Client, name: string): Promise<void> {
  const file = fixtureFile(name);
  if (!fs.existsSync(file)) throw new Error(`error: no fixture named "${name}" (have: ${listFixtures().join(', ')})`);
  const { parseAllDocuments } = await import('yaml');
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as KubeObject | null)
    .filter((d): d is KubeObject => !!d && typeof d === 'object');
  for (const doc of docs) {
    const spec = client.kinds.forObject(doc.apiVersion, doc.kind);
    if (!spec) throw new Error(`fixture ${name}: unknown kind ${doc.apiVersion}/${doc.kind}`);
    const { status, ...body } = doc;
    let created: KubeObject;
    try {
      created = await client.create(spec, body as KubeObject, doc.metadata?.namespace);
    } catch (e) {
      // kubeadm's namespaces may already exist when an earlier document created them
      if (e instanceof StatusError && e.reason === 'AlreadyExists') continue;
      throw e;
    }
    if (status) {
      await client.update(spec, { ...created, status: { ...created.status, ...status } }, { subresource: 'status' });
    }
  }
}
