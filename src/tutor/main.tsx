import { homeDir } from '../cluster/home.js';
import { readProgress } from '../lessons/progress.js';
import { currentCluster } from './currentCluster.js';

/** Leaves the alternate screen and shows the cursor again, whatever way the tutor ends. */
const RESTORE = '\x1b[?25h\x1b[?1049l';

/**
 * Opens the tutor full-screen (the terminal's alternate screen, so the shell's scrollback is untouched)
 * and returns its exit code when the learner leaves.
 */
export async function startTutor(): Promise<number> {
  // chalk, which Ink colours with, reads FORCE_COLOR but not NO_COLOR
  if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
  const home = homeDir();
  const [{ render }, { App }, { loadLessons }] = await Promise.all([import('ink'), import('./App.js'), import('../lessons/loader.js')]);
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
  process.stdout.write('\x1b[?1049h\x1b[H');
  process.once('exit', restore);
  const app = render(<App lessons={lessons} progress={readProgress(home)} home={home} clusterName={currentCluster(home)} />, { exitOnCtrlC: true });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
    restore();
  }
  return 0;
}
