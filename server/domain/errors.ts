// Errors of the domain: what went wrong, in a machine-readable code and words for users. The
// HTTP layer turns each kind into a status; the sync layer into a close code or a refusal.

export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'too_large';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** For `rate_limited`: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const invalid = (message: string, code = 'invalid_request'): DomainError => new DomainError('invalid', code, message);
export const unauthenticated = (message = 'Sign in to continue'): DomainError => new DomainError('unauthenticated', 'unauthenticated', message);
export const forbidden = (message: string, code = 'forbidden'): DomainError => new DomainError('forbidden', code, message);
export const notFound = (what = 'That resource'): DomainError => new DomainError('not_found', 'not_found', `${what} was not found`);
export const conflict = (code: string, message: string): DomainError => new DomainError('conflict', code, message);
export const rateLimited = (message: string, retryAfterSeconds: number): DomainError =>
  new DomainError('rate_limited', 'rate_limited', message, retryAfterSeconds);
