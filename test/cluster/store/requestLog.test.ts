import t from 'tap';
import fs from 'node:fs';
import path from 'node:path';
import { RequestLog, ROTATE_BYTES, requestLogFile } from '../../../src/cluster/store/requestLog.js';
import { tempHome } from '../../helpers/cluster.js';

t.test('the request log rotates instead of growing, and skips a torn line', async (t) => {
  const dir = tempHome();
  const file = requestLogFile(path.join(dir, 'clusters', 'kubernetes.json'));
  t.equal(path.basename(file), 'kubernetes.requests.jsonl', 'beside the store, not taken for a cluster (*.json)');
  const log = new RequestLog<{ n: number; pad: string }>(file);
  const pad = 'x'.repeat(1000);
  const batch = (from: number) => Array.from({ length: 100 }, (_, i) => ({ n: from + i, pad }));
  let n = 0;
  while (!fs.existsSync(`${file}.1`)) {
    log.append(batch(n));
    n += 100;
  }
  t.ok(fs.statSync(`${file}.1`).size > ROTATE_BYTES, 'the full file became .1');
  log.append(batch(n));
  n += 100;
  const kept = log.read();
  t.same(kept.map((e) => e.n), Array.from({ length: kept.length }, (_, i) => n - kept.length + i), 'the newest entries, in order, none twice');
  t.ok(kept.length > ROTATE_BYTES / 1100, 'at least a file\'s worth kept');

  const before = log.size();
  fs.appendFileSync(file, '{"n": 99999, "pa');
  t.same(log.since(before), { entries: [], next: before }, 'a line still being written waits');
  fs.appendFileSync(file, 'd": ""}\n{not json}\n');
  t.same(log.since(before).entries, [{ n: 99999, pad: '' }], 'the finished line, and the torn one skipped');
  t.equal(log.read().length, kept.length + 1);
  log.remove();
  t.same(log.read(), []);
});
