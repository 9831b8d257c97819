import { Box, Text } from 'ink';
import { statusColor, type ClusterView, type NodeView } from './clusterView.js';
import { NodeBox, podLine, taintRows } from './NodeBox.js';
import { fit } from './text.js';

/** The rows each node's box costs before its pods: border, name, taints. */
function boxRows(view: ClusterView, width: number): number {
  const inner = Math.max(4, width - 4);
  return view.nodes.reduce((n, v) => n + 3 + v.taints.reduce((k, t) => k + taintRows(t, inner), 0), 0);
}

const pendingRows = (view: ClusterView) => (view.pending.length ? 1 + Math.min(view.pending.length, 3) : 0);

/**
 * How many pod lines each node may show when each node costs `fixed` rows in all: the rows left go to
 * pods, smallest need first, so a node with few pods shows them all.
 */
export function podRows(view: ClusterView, width: number, height: number, fixed = boxRows(view, width)): number[] {
  let left = height - 1 - fixed - pendingRows(view);
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

/** A node without a box, for a panel too short for boxes: name and state, taints on a line each, pods. */
function CompactNode({ node, width, maxPods }: { node: NodeView; width: number; maxPods: number }) {
  const state = `${node.ready ? 'Ready' : 'NotReady'}${node.unschedulable ? ',SchedulingDisabled' : ''}`;
  const room = node.pods.length > maxPods ? Math.max(0, maxPods - 1) : maxPods;
  const more = node.pods.length - Math.min(room, node.pods.length);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold color={node.ready ? (node.unschedulable ? 'yellow' : 'green') : 'red'}>
          {'▣ '}
          {node.name}
        </Text>{' '}
        <Text color={node.ready ? 'green' : 'red'}>{fit(state, Math.max(0, width - node.name.length - 3))}</Text>
      </Text>
      {node.taints.map((t) => (
        <Text key={t} color="yellow" wrap="truncate-end">
          {fit(`  taint ${t}`, width)}
        </Text>
      ))}
      {node.pods.slice(0, room).map((p) => (
        <Text key={`${p.namespace}/${p.name}`} wrap="truncate-end">
          {'  '}
          <Text color={statusColor(p.status)}>● </Text>
          {podLine(p, width - 4)}
        </Text>
      ))}
      {more > 0 ? <Text dimColor>{`  +${more} more`}</Text> : null}
      {node.pods.length === 0 ? <Text dimColor>{'  no pods'}</Text> : null}
    </Box>
  );
}

/** The cluster as its nodes: a box per node with its pods (plain lines when boxes do not fit), and the pods no node has taken yet. */
export function ClusterPanel({ view, width, height }: { view: ClusterView; width: number; height: number }) {
  const boxed = 1 + boxRows(view, width) + view.nodes.length + pendingRows(view) <= height;
  const compactFixed = view.nodes.reduce((n, v) => n + 1 + v.taints.length, 0);
  const rows = boxed ? podRows(view, width, height) : podRows(view, width, height, compactFixed);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate-end">
        {fit(`Cluster${view.systemPods ? ` (+${view.systemPods} kube-system pods)` : ''}`, width)}
      </Text>
      {view.nodes.map((n, i) =>
        boxed ? <NodeBox key={n.name} node={n} width={width} maxPods={rows[i]} /> : <CompactNode key={n.name} node={n} width={width} maxPods={rows[i]} />,
      )}
      {view.pending.length ? (
        <Box flexDirection="column" flexShrink={0}>
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
