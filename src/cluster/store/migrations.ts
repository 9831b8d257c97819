import { SCHEMA_VERSION, type StoreDocument } from './document.js';

/** Carries a document written by an older kubecadet forward, one schema step at a time. */
const steps: Record<number, (doc: StoreDocument) => void> = {};

export function migrate(doc: StoreDocument): StoreDocument {
  doc.schemaVersion ??= 1;
  doc.events ??= [];
  doc.sim ??= {};
  while (doc.schemaVersion < SCHEMA_VERSION) {
    steps[doc.schemaVersion]?.(doc);
    doc.schemaVersion++;
  }
  return doc;
}
