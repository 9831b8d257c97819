import { Box, Text } from 'ink';
import type { Narration } from './state.js';
import { wrapWords } from './text.js';

interface Row {
  who: string;
  rest: string;
}

/** The newest narrations that fit in `rows` rows of `width`, each wrapped whole, as screen rows. */
export function streamRows(items: Narration[], width: number, rows: number): Row[] {
  const out: Row[] = [];
  for (let i = items.length - 1; i >= 0 && out.length < rows; i--) {
    const { who, what } = items[i];
    const lines = wrapWords(`${who} ${what}`, width);
    if (out.length + lines.length > rows) break;
    // the component's name leads the first row, in its own colour
    const first = lines[0].startsWith(who) ? { who, rest: lines[0].slice(who.length) } : { who: '', rest: lines[0] };
    out.unshift(first, ...lines.slice(1).map((l) => ({ who: '', rest: l })));
  }
  return out;
}

const TITLES = {
  loops: ['Control loops', 'Ctrl-T: requests', 'waiting for changes…'],
  requests: ['API requests', 'Ctrl-T: loops', 'waiting for requests…'],
};

/**
 * What the control loops did, newest last: which component reacted to each change, and how; or (Ctrl-T)
 * each request the API server handled: who sent it, and whether it was stored or turned away.
 */
export function ControlStream({ items, width, height, of = 'loops' }: { items: Narration[]; width: number; height: number; of?: 'loops' | 'requests' }) {
  const rows = streamRows(items, width, height - 1);
  const [title, other, empty] = TITLES[of];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>{title}</Text>
        {title.length + other.length + 1 <= width ? <Text dimColor>{' '.repeat(width - title.length - other.length) + other}</Text> : null}
      </Text>
      {rows.length === 0 ? <Text dimColor>{empty}</Text> : null}
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate-end">
          <Text color="magenta">{r.who}</Text>
          {r.rest}
        </Text>
      ))}
    </Box>
  );
}
