/**
 * API errors as metav1.Status: the reason, the HTTP code and the causes, so the command layer can render
 * `Error from server (<Reason>): <message>` exactly as kubectl does.
 */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export class StatusError extends Error {
  constructor(
    readonly reason: string,
    readonly code: number,
    message: string,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }
}

/** `pods`, `deployments.apps`: the resource as Kubernetes names it in messages. */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function notFound(plural: string, group: string, name: string): StatusError {
  return new StatusError('NotFound', 404, `${qualifiedResource(plural, group)} "${name}" not found`, {
    name,
    group,
    kind: plural,
  });
}

export function alreadyExists(plural: string, group: string, name: string): StatusError {
  return new StatusError('AlreadyExists', 409, `${qualifiedResource(plural, group)} "${name}" already exists`, {
    name,
    group,
    kind: plural,
  });
}

export function conflict(plural: string, group: string, name: string, why: string): StatusError {
  return new StatusError(
    'Conflict',
    409,
    `Operation cannot be fulfilled on ${qualifiedResource(plural, group)} "${name}": ${why}`,
    { name, group, kind: plural },
  );
}

export const OPTIMISTIC_LOCK_MSG = 'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', 400, message);
}

export function forbidden(plural: string, group: string, name: string, why: string): StatusError {
  const subject = name ? `${qualifiedResource(plural, group)} "${name}"` : qualifiedResource(plural, group);
  return new StatusError('Forbidden', 403, `${subject} is forbidden: ${why}`, { name, group, kind: plural });
}

export function methodNotSupported(plural: string, group: string, verb: string): StatusError {
  return new StatusError('MethodNotAllowed', 405, `the server does not allow this method on the requested resource`, {
    group,
    kind: plural,
    name: verb,
  });
}

export function internalError(message: string): StatusError {
  return new StatusError('InternalError', 500, `Internal error occurred: ${message}`);
}

export function expired(message: string): StatusError {
  return new StatusError('Expired', 410, message);
}
