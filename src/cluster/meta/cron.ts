/** Standard 5-field cron schedules (minute hour day-of-month month day-of-week), with the usual macros. */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};

export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

function field(expr: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of expr.split(',')) {
    const [range, stepStr] = part.split('/');
    const step = stepStr ? Number(stepStr) : 1;
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid step in ${expr}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
    } else {
      const [a, b] = range.split('-');
      const num = (s: string) => (NAMES[s.toLowerCase()] ?? Number(s));
      lo = num(a);
      hi = b !== undefined ? num(b) : stepStr ? max : lo;
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi) throw new Error(`value out of range in ${expr}`);
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 7 ? 0 : v);
  }
  return out;
}

/** Parses a schedule; throws with a short reason when it is not one. */
export function parseCron(spec: string): Schedule {
  const s = MACROS[spec.trim()] ?? spec.trim();
  const parts = s.split(/\s+/);
  if (parts.length !== 5) throw new Error(`expected exactly 5 fields, found ${parts.length}: ${spec}`);
  return {
    minute: field(parts[0], 0, 59),
    hour: field(parts[1], 0, 23),
    dom: field(parts[2], 1, 31),
    month: field(parts[3], 1, 12),
    dow: field(parts[4], 0, 7),
    domStar: parts[2] === '*' || parts[2] === '?',
    dowStar: parts[4] === '*' || parts[4] === '?',
  };
}

function matches(s: Schedule, d: Date): boolean {
  if (!s.minute.has(d.getUTCMinutes()) || !s.hour.has(d.getUTCHours()) || !s.month.has(d.getUTCMonth() + 1)) return false;
  const dom = s.dom.has(d.getUTCDate());
  const dow = s.dow.has(d.getUTCDay());
  // cron's rule: when both day fields are restricted, either may match
  if (!s.domStar && !s.dowStar) return dom || dow;
  return dom && dow;
}

/** The first scheduled instant strictly after `after` (UTC), or undefined within five years. */
export function nextAfter(s: Schedule, after: number): number | undefined {
  let t = Math.floor(after / 60000) * 60000 + 60000;
  const limit = after + 5 * 366 * 86400000;
  while (t <= limit) {
    const d = new Date(t);
    if (!s.month.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    if (!(s.domStar && s.dowStar) && !matches({ ...s, minute: new Set([d.getUTCMinutes()]), hour: new Set([d.getUTCHours()]) }, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (matches(s, d)) return t;
    t += 60000;
  }
  return undefined;
}
