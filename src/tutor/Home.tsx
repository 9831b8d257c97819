import { Box, Text } from 'ink';
import type { Lesson } from '../lessons/schema.js';
import { statusOf, type Progress } from '../lessons/progress.js';
import { fit } from './text.js';
import { layoutText } from './text.js';

export interface HomeProps {
  lessons: Lesson[];
  progress: Progress;
  selected: number;
  clusterName: string;
  width: number;
  height: number;
}

type Row = { chapter: string } | { lesson: Lesson; index: number };

/** The course by chapter, each lesson with the learner's status; the highlighted one's summary below. */
export function Home({ lessons, progress, selected, clusterName, width, height }: HomeProps) {
  const rows: Row[] = [];
  lessons.forEach((lesson, index) => {
    if (index === 0 || lessons[index - 1].chapter !== lesson.chapter) rows.push({ chapter: lesson.chapter });
    rows.push({ lesson, index });
  });
  const summary = lessons[selected] ? layoutText(lessons[selected].summary, width - 2).slice(0, 3) : [];
  const listRows = Math.max(3, height - 5 - summary.length);
  const at = rows.findIndex((r) => 'lesson' in r && r.index === selected);
  // keep the highlighted lesson in view, with its chapter heading when there is room
  const start = Math.max(0, Math.min(at - Math.floor(listRows / 2), rows.length - listRows));
  const titleWidth = Math.max(10, width - 22);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box justifyContent="space-between">
        <Text bold color="cyan">
          kubecadet
        </Text>
        <Text dimColor>{fit(`cluster: ${clusterName}`, Math.max(0, width - 12))}</Text>
      </Box>
      <Text> </Text>
      <Box flexDirection="column" height={Math.min(rows.length, listRows)} overflow="hidden">
        {rows.slice(start, start + listRows).map((r) => {
          if ('chapter' in r)
            return (
              <Text key={`c:${r.chapter}`} bold>
                {fit(r.chapter, width)}
              </Text>
            );
          const status = statusOf(progress, r.lesson.id, r.lesson.steps.length);
          const mark = status === 'done' ? '✓' : status === 'not started' ? '○' : '●';
          const on = r.index === selected;
          return (
            <Text key={r.lesson.id} inverse={on} wrap="truncate-end">
              {`${on ? '▸' : ' '} `}
              <Text color={status === 'done' ? 'green' : status === 'not started' ? undefined : 'yellow'}>{mark}</Text>
              {` ${String(r.index + 1).padStart(2)}  ${fit(r.lesson.title, titleWidth).padEnd(titleWidth)} `}
              <Text dimColor={!on}>{status}</Text>
            </Text>
          );
        })}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {summary.map((l, i) => (
          <Text key={i} dimColor wrap="truncate-end">
            {l.map((s) => s.text).join('')}
          </Text>
        ))}
      </Box>
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">
        {fit('↑/↓ or j/k choose · Enter open · q quit', width)}
      </Text>
    </Box>
  );
}
