import { SCHEMA_VERSION, type StoreDocument } from './document.js';

/** Carries a document written by an older kubecadet forward, one schema step at a time. */
const steps: Record<number, (doc: StoreDocument) => void> = {
  // Schema 2 lays the file out in sections (layout.ts); the document itself is the same. A schema 1 file is
  // read whole and written in sections by the next write.
  1: () => undefined,
};

export function migrate(doc: StoreDocument): StoreDocument {
  doc.schemaVersion ??= 1;
  // `in`, not `??=`: a section not yet parsed stays so
  const d: Partial<StoreDocument> = doc;
  if (!('events' in d)) d.events = [];
  if (!('sim' in d)) d.sim = {};
  while (doc.schemaVersion < SCHEMA_VERSION) {
    steps[doc.schemaVersion]?.(doc);
    doc.schemaVersion++;
  }
  return doc;
}
