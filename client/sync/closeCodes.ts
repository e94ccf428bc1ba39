import { CLOSE_FORBIDDEN, CLOSE_SECTION_REMOVED, CLOSE_UNAUTHENTICATED, isFinalClose } from '../../shared/protocol';

/** Whether to reconnect after the server closed a socket: not after a final (44xx) code. */
export function shouldReconnectAfter(code: number): boolean {
  return !isFinalClose(code);
}

/** Words for a final close, for the user. */
export function stoppedMessage(code: number): string {
  switch (code) {
    case CLOSE_UNAUTHENTICATED:
      return 'Your session has ended. Sign in again to carry on.';
    case CLOSE_FORBIDDEN:
      return 'You are no longer a member of this response.';
    case CLOSE_SECTION_REMOVED:
      return 'A section was removed from this response. Reload the page to carry on.';
    default:
      return 'The connection to the server was refused. Reload the page to try again.';
  }
}
