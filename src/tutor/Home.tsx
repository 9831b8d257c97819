import { Box, Text } from 'ink';
import { homeRows, type HomeProps } from './homeRows.js';

export type { HomeProps } from './homeRows.js';

/** The course by chapter, each lesson with the learner's status; the highlighted one's summary below. */
export function Home(props: HomeProps) {
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      {homeRows(props).map((row, i) => (
        <Text key={i} wrap="truncate-end">
          {row.length === 0
            ? ' '
            : row.map((c, j) => (
                <Text key={j} color={c.color} bold={c.bold} dimColor={c.dim} inverse={c.inverse}>
                  {c.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
