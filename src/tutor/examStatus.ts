import { examNow, formatClock, readCurrent, remainingMs } from '../lessons/exam/attempt.js';

/** The home screen's word on the exam: a running one's time left, else undefined. */
export function examStatus(home: string, now: () => number = () => examNow()): string | undefined {
  const a = readCurrent(home);
  return a ? `${formatClock(remainingMs(a, now()))} left` : undefined;
}
