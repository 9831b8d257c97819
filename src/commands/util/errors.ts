import { StatusError } from '../../cluster/api/status.js';
import { StoreError } from '../../cluster/store/errors.js';
import type { IO } from './io.js';

/**
 * A flag or usage mistake, printed as cobra prints it: `Error: <msg>` and
 * `See '<command path> --help' for usage.` (pflag and cobra errors), exit 1.
 */
export class FlagError extends Error {}

/**
 * kubectl's UsageErrorf: `error: <msg>` then `See '<command path> -h' for help and examples`, exit 1.
 */
export class UsageError extends Error {}

/** Any other error kubectl itself raises: the text is printed as is (it usually starts with `error: `). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/**
 * An error cobra returns from Execute (a required flag not set), which kubectl logs through klog:
 * `E1126 21:02:01.338731   19843 run.go:72] "command failed" err="required flag(s) \"image\" not set"`.
 */
export class KlogError extends Error {}

/** A klog line header as kubectl writes it: severity, MMDD hh:mm:ss.micro in local time, pid (width 7), file:line. */
export function klogHeader(severity: 'E' | 'W' | 'I', where: string, now = performance.timeOrigin + performance.now()): string {
  const d = new Date(Math.floor(now));
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micro = String(d.getMilliseconds() * 1000 + (Math.floor(now * 1000) % 1000)).padStart(6, '0');
  return `${severity}${p2(d.getMonth() + 1)}${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${micro} ${String(process.pid).padStart(7)} ${where}]`;
}

/** Exit without printing anything more (the command already wrote what it had to say). */
export class SilentExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** `Error from server (NotFound): pods "x" not found`: how kubectl renders an API Status. */
export function statusText(e: StatusError): string {
  // a 401: the credential was refused (cmdutil.StandardErrorMessage)
  if (e.reason === 'Unauthorized') return `error: You must be logged in to the server (${e.message})`;
  if (e.reason === 'Invalid' || e.reason === 'BadRequest' || e.reason === 'NotFound' || e.reason === 'AlreadyExists' || e.reason === 'Conflict' || e.reason === 'Forbidden' || e.reason === 'MethodNotAllowed' || e.reason === 'Expired' || e.reason === 'InternalError' || e.reason === 'Timeout')
    return `Error from server (${e.reason}): ${e.message}`;
  return `Error from server: ${e.message}`;
}

/**
 * How checkErr prints an Invalid status on its own: `The Pod "x" is invalid: <field>: <message>`, or
 * one `* <field>: <message>` line per cause when there are several (cmdutil.MultilineError).
 */
export function invalidText(e: StatusError): string {
  const d = e.details ?? {};
  let s = 'The request is invalid';
  if (!d.kind && !d.name && !d.causes?.length) return e.message ? `${s}: ${e.message}\n` : `${s}\n`;
  if (d.kind || d.name) s = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
  const causes = (d.causes ?? []).map((c) => `${c.field}: ${c.message}`);
  if (!causes.length) return `${s}\n`;
  if (causes.length === 1) return `${s}: ${causes[0]}\n`;
  return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
}

/** A single error as checkErr prints it: Invalid statuses get their own form, other statuses `Error from server`. */
export function errorText(e: StatusError): string {
  return e.reason === 'Invalid' ? invalidText(e) : `${statusText(e)}\n`;
}

/**
 * kubectl's one error path (cmdutil.CheckErr): prints the message on stderr and returns the exit code.
 * Anything that is not a known error is our bug: one line saying so, the stack only with KUBECADET_DEBUG=1.
 */
export function checkErr(e: unknown, io: IO, commandPath: string): number {
  if (e instanceof SilentExit) return e.code;
  if (e instanceof FlagError) {
    io.err(`Error: ${e.message}\nSee '${commandPath} --help' for usage.\n`);
    return 1;
  }
  if (e instanceof KlogError) {
    io.err(`${klogHeader('E', 'run.go:72')} "command failed" err=${JSON.stringify(e.message)}\n`);
    return 1;
  }
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}\nSee '${commandPath} -h' for help and examples\n`);
    return 1;
  }
  if (e instanceof CommandError) {
    io.err(e.message.endsWith('\n') ? e.message : `${e.message}\n`);
    return e.code;
  }
  if (e instanceof StatusError) {
    io.err(errorText(e));
    return 1;
  }
  if (e instanceof StoreError) {
    io.err(`${e.message}\n`);
    return 1;
  }
  const err = e as Error;
  io.err(
    `kubecadet: internal error: ${err?.message ?? String(e)}. This is a bug in kubecadet; please report it with the command you ran (set KUBECADET_DEBUG=1 to see where it happened).\n`,
  );
  if (process.env.KUBECADET_DEBUG === '1' && err?.stack) io.err(`${err.stack}\n`);
  return 1;
}

/**
 * Errors gathered while going through several objects, printed at the end as checkErr prints them: one
 * alone as any error, several as cmdutil.MultipleErrors does (statuses as `Error from server (Reason):
 * ...`, other errors without their `error: ` prefix). Returns the exit code, 1.
 */
export function reportErrors(io: IO, errors: (string | StatusError)[]): number {
  if (errors.length === 1) {
    const e = errors[0];
    io.err(typeof e === 'string' ? `${e}\n` : errorText(e));
  } else io.err(errors.map((e) => `${typeof e === 'string' ? e.replace(/^error: /, '') : statusText(e)}\n`).join(''));
  return 1;
}
