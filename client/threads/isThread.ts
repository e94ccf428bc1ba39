// Narrowing of threads received as JSON (the event socket), so a malformed frame is dropped.
import type { Thread, ThreadAnchor, ThreadComment } from '../../shared/api';
import { isRecord } from '../api/isRecord';

function isPerson(value: unknown): value is { userId: string; name: string } {
  return isRecord(value) && typeof value.userId === 'string' && typeof value.name === 'string';
}

function isAnchor(value: unknown): value is ThreadAnchor {
  return isRecord(value) && typeof value.start === 'string' && typeof value.end === 'string' && typeof value.quote === 'string';
}

function isComment(value: unknown): value is ThreadComment {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    isPerson(value.author) &&
    typeof value.body === 'string' &&
    typeof value.createdAt === 'string' &&
    (value.editedAt === null || typeof value.editedAt === 'string') &&
    typeof value.deleted === 'boolean'
  );
}

/** Whether a parsed JSON value has the shape of a Thread. */
export function isThread(value: unknown): value is Thread {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.sectionId === 'string' &&
    (value.anchor === null || isAnchor(value.anchor)) &&
    (value.state === 'open' || value.state === 'resolved') &&
    isPerson(value.createdBy) &&
    typeof value.createdAt === 'string' &&
    (value.resolvedBy === null || isPerson(value.resolvedBy)) &&
    (value.resolvedAt === null || typeof value.resolvedAt === 'string') &&
    Array.isArray(value.comments) &&
    value.comments.every(isComment)
  );
}
