import { Box, Text } from 'ink';
import type { OutputLine } from './state.js';
import { wrapWords } from './text.js';

const TONE: Record<NonNullable<OutputLine['tone']>, string> = { command: 'cyan', error: 'red', tutor: 'yellow', success: 'green' };

/** Breaks output lines at the pane's width, as a terminal would, so each row is one row on screen. */
export function rowsOf(lines: OutputLine[], width: number): OutputLine[] {
  const w = Math.max(1, width);
  return lines.flatMap((l) => {
    if (l.text.length <= w) return [l];
    // the tutor's own words wrap at spaces; command output breaks where the terminal would
    if (l.tone === 'tutor' || l.tone === 'success') return wrapWords(l.text, w).map((text) => ({ text, tone: l.tone }));
    const out: OutputLine[] = [];
    for (let i = 0; i < l.text.length; i += w) out.push({ text: l.text.slice(i, i + w), tone: l.tone });
    return out;
  });
}

/** The commands' output, the newest at the bottom; `scroll` rows back from the end (PgUp/PgDn). */
export function OutputPane({ lines, width, height, scroll }: { lines: OutputLine[]; width: number; height: number; scroll: number }) {
  const rows = rowsOf(lines, width);
  const back = Math.min(scroll, Math.max(0, rows.length - height));
  const end = rows.length - back;
  const shown = rows.slice(Math.max(0, end - height + (back > 0 ? 1 : 0)), end);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {shown.map((l, i) => (
        <Text key={i} color={l.tone ? TONE[l.tone] : undefined} bold={l.tone === 'command'} wrap="truncate-end">
          {l.text === '' ? ' ' : l.text}
        </Text>
      ))}
      {back > 0 ? <Text dimColor>{`-- ${back} more below (PgDn) --`}</Text> : null}
    </Box>
  );
}
