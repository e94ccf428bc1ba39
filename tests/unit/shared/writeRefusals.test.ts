import { describe, expect, it } from 'vitest';
import { contentReason, readOnlyReason, refusalKind, sizeLimitReason } from '../../../shared/writeRefusals';

describe('write refusals', () => {
  it('reads back the kind of every reason the server gives', () => {
    expect(refusalKind(readOnlyReason())).toBe('read_only');
    expect(refusalKind(sizeLimitReason(4 * 1024 * 1024))).toBe('size_limit');
    expect(refusalKind(sizeLimitReason(64 * 1024))).toBe('size_limit');
    expect(refusalKind(contentReason('the editor never stores binary content'))).toBe('content');
    expect(refusalKind('')).toBe('unknown');
    expect(refusalKind('Something a newer server says')).toBe('unknown');
  });

  it('says the size limit in words a person reads', () => {
    expect(sizeLimitReason(4 * 1024 * 1024)).toBe('This section has reached its size limit (4 MB); nothing more can be added to it');
    expect(sizeLimitReason(1.5 * 1024 * 1024)).toBe('This section has reached its size limit (1.5 MB); nothing more can be added to it');
    expect(sizeLimitReason(64 * 1024)).toBe('This section has reached its size limit (64 kB); nothing more can be added to it');
  });
});
