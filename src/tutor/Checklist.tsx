import { Box, Text } from 'ink';
import type { MatchResult } from '../lessons/matchers/index.js';
import { fit } from './text.js';

/** The step's expectations, ticked as the cluster meets them. */
export function Checklist({ results, width }: { results: MatchResult[]; width: number }) {
  return (
    <Box flexDirection="column">
      {results.map((r, i) => (
        <Text key={i} color={r.ok ? 'green' : undefined} wrap="truncate-end">
          {fit(`${r.ok ? '[x]' : '[ ]'} ${r.says}`, width)}
        </Text>
      ))}
    </Box>
  );
}
