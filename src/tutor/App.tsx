import type { Lesson } from '../lessons/schema.js';
import type { Progress } from '../lessons/progress.js';
import type { RuntimeOptions } from './runtime.js';
import { useTutor } from './useTutor.js';
import { useLesson } from './useLesson.js';
import { useTutorKeys } from './useTutorKeys.js';
import { useTerminalSize } from './useTerminalSize.js';
import { Home } from './Home.js';
import { LessonScreen } from './LessonScreen.js';
import { lessonLayoutFor } from './LessonScreen.js';
import { rowsOf } from './OutputPane.js';
import { ExamScreen } from './ExamScreen.js';
import type { ExamOptions } from './useExam.js';
import { readProgress } from '../lessons/progress.js';
import { currentCluster } from './currentCluster.js';
import { examStatus } from './examStatus.js';

export interface AppProps {
  lessons: Lesson[];
  progress: Progress;
  home: string;
  /** the cluster kubectl talks to now, named on the home screen */
  clusterName: string;
  runtime?: RuntimeOptions;
  /** the exam screen's clock and bank (tests) */
  exam?: ExamOptions;
}

/** The tutor: the course on the home screen, a lesson with its live cluster on the lesson screen. */
export function App({ lessons, progress, home, clusterName, runtime, exam }: AppProps) {
  const [s, dispatch, latest] = useTutor(lessons, progress, clusterName);
  const { columns, rows } = useTerminalSize();
  const lesson = useLesson(latest, dispatch, home, runtime);
  // Ink draws one row fewer than the terminal so the last line does not scroll the screen
  const height = Math.max(8, rows - 1);
  const layout = s.open === undefined ? undefined : lessonLayoutFor(s, columns, height);
  const pane = { page: layout?.outputRows ?? 1, rows: layout ? rowsOf(s.output, layout.main).length : 0 };
  const actions = { open: (i: number) => void lesson.open(i), submit: (l: string) => void lesson.submit(l), complete: lesson.complete, leave: lesson.leave, exam: () => dispatch({ type: 'exam' }), interrupt: lesson.interrupt };
  useTutorKeys(latest, dispatch, actions, pane);
  if (s.screen === 'lesson') return <LessonScreen s={s} columns={columns} rows={height} />;
  if (s.screen === 'exam') {
    const refs = lessons.map((l, i) => ({ number: i + 1, id: l.id, title: l.title }));
    const leave = () => dispatch({ type: 'home', progress: readProgress(home), clusterName: currentCluster(home) });
    return <ExamScreen home={home} lessons={refs} columns={columns} rows={height} onLeave={leave} options={exam} />;
  }
  return <Home lessons={s.lessons} progress={s.progress} selected={s.selected} clusterName={s.clusterName} width={columns} height={height} exam={examStatus(home, exam?.now)} />;
}
