import { Box, Text } from 'ink';
import { statusColor, type NodeView, type PodView } from './clusterView.js';
import { fit } from './text.js';

/** A taint's rows: broken at the box's width, since a taint's key is one long word and the lesson. */
export function taintLines(taint: string, inner: number): string[] {
  const text = `taint ${taint}`;
  const w = Math.max(1, inner);
  const rows: string[] = [];
  for (let at = 0; at < text.length; at += w) rows.push(text.slice(at, at + w));
  return rows;
}

export const taintRows = (taint: string, inner: number) => taintLines(taint, inner).length;

/** A pod's line: its name, and its status when there is room (the dot's colour always tells it). */
export function podLine(p: PodView, inner: number): string {
  const full = `${p.name} ${p.status}`;
  return full.length <= inner ? full : fit(p.name, inner);
}

/** One node: its name and condition, taints and cordon, and the pods bound to it (at most maxPods). */
export function NodeBox({ node, width, maxPods }: { node: NodeView; width: number; maxPods: number }) {
  const inner = Math.max(4, width - 4);
  const state = `${node.ready ? 'Ready' : 'NotReady'}${node.unschedulable ? ',SchedulingDisabled' : ''}`;
  const room = node.pods.length > maxPods ? Math.max(0, maxPods - 1) : maxPods;
  const shown = node.pods.slice(0, room);
  const more = node.pods.length - shown.length;
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="round" borderColor={node.ready ? (node.unschedulable ? 'yellow' : 'green') : 'red'} width={width} paddingX={1}>
      <Text wrap="truncate-end">
        <Text bold>{node.name}</Text> <Text color={node.ready ? 'green' : 'red'}>{fit(state, Math.max(0, inner - node.name.length - 1))}</Text>
      </Text>
      {node.taints.flatMap((t) =>
        taintLines(t, inner).map((row, i) => (
          <Text key={`${t}:${i}`} color="yellow">
            {row}
          </Text>
        )),
      )}
      {shown.map((p) => (
        <Text key={`${p.namespace}/${p.name}`} wrap="truncate-end">
          <Text color={statusColor(p.status)}>● </Text>
          {podLine(p, inner - 2)}
        </Text>
      ))}
      {more > 0 ? <Text dimColor>{`+${more} more`}</Text> : null}
      {node.pods.length === 0 ? <Text dimColor>no pods</Text> : null}
    </Box>
  );
}
