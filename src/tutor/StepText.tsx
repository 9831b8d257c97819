import { Box, Text } from 'ink';
import type { Line } from './text.js';

/**
 * A step's text, laid out beforehand (layoutText): headings bold, commands and code in cyan. Text longer
 * than its rows ends with a note saying how to read the rest.
 */
export function StepText({ lines, height }: { lines: Line[]; height: number }) {
  const cut = lines.length > height;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {lines.slice(0, cut ? height - 1 : height).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((seg, j) =>
                seg.style === 'heading' ? (
                  <Text key={j} bold underline>
                    {seg.text}
                  </Text>
                ) : seg.style === 'code' || seg.style === 'block' ? (
                  <Text key={j} color="cyan">
                    {seg.text}
                  </Text>
                ) : (
                  <Text key={j}>{seg.text}</Text>
                ),
              )}
        </Text>
      ))}
      {cut ? <Text dimColor>… type text to read all of it</Text> : null}
    </Box>
  );
}
