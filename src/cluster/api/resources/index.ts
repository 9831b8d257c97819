import type { KindSpec } from './kindSpec.js';
import { namespace } from './namespace.js';
import { node } from './node.js';
import { pod } from './pod.js';
import { configMap } from './configMap.js';
import { customResourceDefinition } from './customResourceDefinition.js';

/** Every built-in kind, in discovery order (core group first). One line per kind. */
export const builtinKinds: KindSpec[] = [
  configMap,
  namespace,
  node,
  pod,
  customResourceDefinition,
];
