import { Text } from 'ink';

/** The line the learner types on; while something runs it says what, and typing goes on. */
export function Prompt({ input, busy, width }: { input: string; busy: string; width: number }) {
  const note = busy ? `  ${busy}` : '';
  // the end of a long line stays visible
  const room = Math.max(1, width - 3 - note.length);
  const shown = input.length > room ? `…${input.slice(input.length - room + 1)}` : input;
  return (
    <Text wrap="truncate-end">
      <Text color="green" bold>
        {'$ '}
      </Text>
      {shown}
      {busy ? <Text color="yellow">{note}</Text> : <Text inverse> </Text>}
    </Text>
  );
}
