/**
 * Simulated time. Nothing in src/cluster reads the wall clock directly: everything asks a Clock,
 * which is what makes catch-up, `cluster advance` and sleep-free tests possible.
 */
export interface Clock {
  /** Current simulated time in milliseconds since the epoch. */
  now(): number;
}

/** Follows wall time, optionally shifted by an offset that `cluster advance` accumulates. */
export class WallClock implements Clock {
  constructor(private offsetMs = 0) {}
  now(): number {
    return Date.now() + this.offsetMs;
  }
  shift(ms: number): void {
    this.offsetMs += ms;
  }
}

/** A clock that only moves when told to; tests use it. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 0, 1, 12, 0, 0)) {}
  now(): number {
    return this.t;
  }
  set(ms: number): void {
    this.t = ms;
  }
  advanceMs(ms: number): void {
    this.t += ms;
  }
  shift(ms: number): void {
    this.t += ms;
  }
}

/** RFC 3339 at second precision, as the API server writes creationTimestamp. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
