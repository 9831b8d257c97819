import fs from 'node:fs';
import { fixturesDir } from '../fixtures.js';

export interface ImageInfo {
  tags: string[];
  size: number;
  run: 'server' | 'shell' | 'once';
  stopsOnSigterm: boolean;
}

export interface ImageRef {
  /** the repository as written, without docker.io/library/ */
  repository: string;
  tag: string;
  /** the fully qualified reference the runtime resolves: docker.io/library/nginx:latest */
  full: string;
}

let catalog: Record<string, ImageInfo> | undefined;

/** The image catalog (fixtures/images/catalog.yaml), read once per process when a kubelet first needs it. */
export async function loadCatalog(): Promise<Record<string, ImageInfo>> {
  if (catalog) return catalog;
  const { parse } = await import('yaml');
  catalog = (parse(fs.readFileSync(`${fixturesDir}images/catalog.yaml`, 'utf8')) as { images: Record<string, ImageInfo> }).images;
  return catalog;
}

/** Parses `nginx`, `nginx:1.27`, `docker.io/library/nginx:1.27`, `registry.k8s.io/pause:3.10`, `x@sha256:...`. */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let tag = 'latest';
  const at = rest.indexOf('@');
  if (at >= 0) {
    tag = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else {
    const slash = rest.lastIndexOf('/');
    const colon = rest.indexOf(':', slash + 1);
    if (colon >= 0) {
      tag = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  let repository = rest.replace(/^docker\.io\//, '').replace(/^library\//, '');
  if (repository.startsWith('index.docker.io/')) repository = repository.slice('index.docker.io/'.length).replace(/^library\//, '');
  const firstPart = repository.split('/')[0];
  const hasRegistry = repository.includes('/') && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  const full = hasRegistry ? `${repository}:${tag}` : repository.includes('/') ? `docker.io/${repository}:${tag}` : `docker.io/library/${repository}:${tag}`;
  return { repository, tag, full: at >= 0 ? full.replace(`:${tag}`, `@${tag}`) : full };
}

export type PullResult = { ok: true; info: ImageInfo } | { ok: false; error: string };

/** What pulling the image would do: the runtime's error text for a missing repository or tag. */
export function resolveImage(cat: Record<string, ImageInfo>, image: string): PullResult {
  const ref = parseImage(image);
  const info = cat[ref.repository];
  const name = ref.full;
  if (!info)
    return {
      ok: false,
      error: `failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  if (!ref.tag.startsWith('sha256:') && !info.tags.includes(ref.tag))
    return { ok: false, error: `failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found` };
  return { ok: true, info };
}

/** Deterministic pull time for an image (1.5 to 5 s, larger images slower), in ms. */
export function pullMillis(info: ImageInfo, image: string): number {
  let h = 0;
  for (const c of image) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return Math.round(1500 + Math.min(2500, info.size / 200000) + (h % 1000));
}
