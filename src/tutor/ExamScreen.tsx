import { Box, Text, useInput } from 'ink';
import type { LessonRef } from '../lessons/exam/report.js';
import { examRows } from './examRows.js';
import { useExam, type ExamOptions } from './useExam.js';

export interface ExamScreenProps {
  home: string;
  lessons: LessonRef[];
  columns: number;
  rows: number;
  onLeave(): void;
  options?: ExamOptions;
}

/** The exam: start one, work through its tasks against the clock, submit, read the report. */
export function ExamScreen({ home, lessons, columns, rows, onLeave, options }: ExamScreenProps) {
  const exam = useExam(home, lessons, options);
  const v = exam.view;
  useInput((input, key) => {
    const x = exam.latest.current;
    if (x.busy) return;
    if (x.report) {
      const page = rows - 2;
      const max = Math.max(0, x.report.length - page);
      if (key.escape || input === 'q') {
        exam.closeReport();
        return onLeave();
      }
      if (key.upArrow || input === 'k') exam.scroll(-1, max);
      else if (key.downArrow || input === 'j') exam.scroll(1, max);
      else if (key.pageUp) exam.scroll(-(page - 1), max);
      else if (key.pageDown || input === ' ') exam.scroll(page - 1, max);
      return;
    }
    if (!x.attempt) {
      if (key.escape || input === 'q') return onLeave();
      if (key.upArrow || input === 'k') exam.choose(-1);
      else if (key.downArrow || input === 'j') exam.choose(1);
      else if (key.return) void exam.start();
      return;
    }
    if (x.confirm) {
      if (input === 'y') void exam.submit();
      else exam.askSubmit(false);
      return;
    }
    if (key.escape) return onLeave();
    if (key.upArrow || input === 'k') exam.move(-1);
    else if (key.downArrow || input === 'j') exam.move(1);
    else if (input === 'f') exam.flag();
    else if (input === 'd') exam.done();
    else if (input === 's') exam.askSubmit(true);
  });
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {examRows(v, columns, rows).map((row, i) => (
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
