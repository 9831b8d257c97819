import t from 'tap';
import { checkShard } from './examBank.js';

// shard 6 of the task bank's own check (see examBank.ts)
t.test('exam tasks, shard 6: untouched scores 0, the solution full points, each near miss fails its check', (t) => checkShard(t, 5));
