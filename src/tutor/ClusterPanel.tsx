import { Box, Text } from 'ink';
import { statusColor, type ClusterView } from './clusterView.js';
import { NodeBox, podLine, taintRows } from './NodeBox.js';
import { fit } from './text.js';

/**
 * How many pod lines each node's box may show in `height` rows: boxes cost their border, name and taints;
 * the rows left go to pods, smallest need first, so a node with few pods shows them all.
 */
export function podRows(view: ClusterView, width: number, height: number): number[] {
  const inner = Math.max(4, width - 4);
  const fixed = view.nodes.reduce((n, v) => n + 3 + v.taints.reduce((k, t) => k + taintRows(t, inner), 0), 0);
  let left = height - 1 - fixed - (view.pending.length ? 1 + Math.min(view.pending.length, 3) : 0);
  const rows = view.nodes.map(() => 1);
  left -= view.nodes.length;
  const order = view.nodes.map((n, i) => i).sort((a, b) => view.nodes[a].pods.length - view.nodes[b].pods.length);
  order.forEach((i, k) => {
    const share = Math.floor(Math.max(0, left) / (order.length - k));
    const extra = Math.min(Math.max(0, view.nodes[i].pods.length - 1), share);
    rows[i] += extra;
    left -= extra;
  });
  return rows;
}

/** The cluster as its nodes: a box per node with its pods, and the pods no node has taken yet. */
export function ClusterPanel({ view, width, height }: { view: ClusterView; width: number; height: number }) {
  const rows = podRows(view, width, height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        {fit(`Cluster${view.systemPods ? ` (+${view.systemPods} kube-system pods)` : ''}`, width)}
      </Text>
      {view.nodes.map((n, i) => (
        <NodeBox key={n.name} node={n} width={width} maxPods={rows[i]} />
      ))}
      {view.pending.length ? (
        <Box flexDirection="column">
          <Text color="yellow">Not scheduled</Text>
          {view.pending.slice(0, 3).map((p) => (
            <Text key={`${p.namespace}/${p.name}`} wrap="truncate-end">
              <Text color={statusColor(p.status)}>○ </Text>
              {podLine(p, width - 2)}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
