import { homeDir } from '../cluster/home.js';
import { readProgress } from '../lessons/progress.js';
import { currentCluster } from './currentCluster.js';
import { initialState } from './state.js';
import { examStatus } from './examStatus.js';

/** Leaves the alternate screen and shows the cursor again, whatever way the tutor ends. */
const RESTORE = '\x1b[?25h\x1b[?1049l';

/**
 * Opens the tutor full-screen (the terminal's alternate screen, so the shell's scrollback is untouched)
 * and returns its exit code when the learner leaves. Ink and React take a while to load, so the home
 * screen is painted first from the same layout, and Ink takes over the identical screen when it is ready.
 */
export async function startTutor(): Promise<number> {
  // chalk, which Ink colours with, reads FORCE_COLOR but not NO_COLOR
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  const home = homeDir();
  const [{ loadLessons }, { homeRows }, { paint }] = await Promise.all([import('../lessons/loader.js'), import('./homeRows.js'), import('./firstPaint.js')]);
  let lessons;
  try {
    lessons = await loadLessons();
  } catch (e) {
    process.stderr.write(`kubecadet: the course cannot be read: ${(e as Error).message}\n`);
    return 1;
  }
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(RESTORE);
  };
  process.once('exit', restore);
  const progress = readProgress(home);
  const clusterName = currentCluster(home);
  const { selected } = initialState(lessons, progress, clusterName);
  const exam = examStatus(home);
  const width = process.stdout.columns || 80;
  const height = Math.max(8, (process.stdout.rows || 24) - 1);
  // keys typed while Ink loads wait in raw mode instead of echoing over the screen
  process.stdin.setRawMode?.(true);
  process.stdout.write(`\x1b[?1049h\x1b[?25l${paint(homeRows({ lessons, progress, selected, clusterName, width, height, exam }))}\x1b[H`);
  // Ink loads after the first paint: loading it alongside would only delay that paint
  const [{ render }, { App }] = await Promise.all([import('ink'), import('./App.js')]);
  const app = render(<App lessons={lessons} progress={progress} home={home} clusterName={clusterName} />, { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
    restore();
  }
  return 0;
}
