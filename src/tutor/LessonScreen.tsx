import { Box, Text } from 'ink';
import type { TutorState } from './state.js';
import { StepText } from './StepText.js';
import { Checklist } from './Checklist.js';
import { OutputPane } from './OutputPane.js';
import { Prompt } from './Prompt.js';
import { ClusterPanel } from './ClusterPanel.js';
import { ControlStream } from './ControlStream.js';
import { layoutText, fit } from './text.js';

/** How the lesson screen divides a terminal: the rows each pane gets, and the side column's width. */
export function lessonLayout(columns: number, rows: number, textLines: number, checks: number) {
  const side = columns >= 120 ? 44 : columns >= 100 ? 38 : Math.max(24, Math.floor(columns * 0.38));
  const main = columns - side - 1;
  const body = Math.max(6, rows - 2);
  const checkRows = Math.min(checks, 4);
  const textRows = Math.max(2, Math.min(textLines, Math.floor(body * 0.5)));
  const outputRows = Math.max(1, body - textRows - checkRows - 2);
  const clusterRows = Math.max(5, Math.ceil(body * 0.62));
  return { side, main, body, textRows, checkRows, outputRows, clusterRows, streamRows: Math.max(2, body - clusterRows) };
}

/** The layout of the lesson screen for the step shown. */
export function lessonLayoutFor(s: TutorState, columns: number, rows: number) {
  const step = s.lessons[s.open ?? 0].steps[s.step];
  const text = layoutText(step.text, lessonLayout(columns, rows, 0, s.results.length).main);
  return { ...lessonLayout(columns, rows, text.length, s.results.length), text };
}

/** The lesson: the step's text and checklist, the commands' output and prompt; the cluster beside them. */
export function LessonScreen({ s, columns, rows }: { s: TutorState; columns: number; rows: number }) {
  const lesson = s.lessons[s.open ?? 0];
  const step = lesson.steps[s.step];
  const l = lessonLayoutFor(s, columns, rows);
  const text = l.text;
  const head = `${(s.open ?? 0) + 1}. ${lesson.title} · Step ${s.step + 1}/${lesson.steps.length}: ${step.title}${s.stepDone ? ' ✓' : ''}`;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text inverse bold wrap="truncate-end">
        {fit(` ${head}`, columns).padEnd(columns)}
      </Text>
      <Box height={l.body}>
        <Box flexDirection="column" width={l.main}>
          <StepText lines={text} height={l.textRows} />
          <Box height={1} />
          <Checklist results={s.results.slice(0, l.checkRows)} width={l.main} />
          <OutputPane lines={s.output} width={l.main} height={l.outputRows} scroll={s.scroll} />
          <Prompt input={s.input} busy={s.busy} width={l.main} />
        </Box>
        <Box width={1} />
        <Box flexDirection="column" width={l.side}>
          <ClusterPanel view={s.cluster} width={l.side} height={l.clusterRows} />
          <ControlStream items={s.streamOf === 'loops' ? s.stream : s.requests} of={s.streamOf} width={l.side} height={l.streamRows} />
        </Box>
      </Box>
      <Text dimColor wrap="truncate-end">
        {fit('hint · solution · check · next · skip · reset · Tab completes · PgUp/PgDn · Esc home · Ctrl-C quit', columns)}
      </Text>
    </Box>
  );
}
