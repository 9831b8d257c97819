import type { KubeObject } from '../../../cluster/api/types.js';
import type { Client } from '../../../cluster/client/client.js';

/** What a describer may look at besides its object: related objects and events, read through the client. */
export interface DescribeContext {
  client: Client;
  /** the cluster's now, for ages */
  now: number;
  /** --show-events */
  showEvents: boolean;
}

/** One of kubectl's describers: the group and kind it describes, and the text for one object. */
export interface Describer {
  group: string;
  kind: string;
  describe(obj: KubeObject, ctx: DescribeContext): string;
}
