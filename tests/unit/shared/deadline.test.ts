import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, deadlineStatus, isCalendarDate, responseDeadline, ukToday } from '../../../shared/deadline';

describe('statutory deadline (s.55(5A): 56 days beginning with publication day)', () => {
  it('is the publication day plus 55', () => {
    expect(responseDeadline('2021-12-02')).toBe('2022-01-26');
    expect(daysBetween('2021-12-02', responseDeadline('2021-12-02'))).toBe(55);
  });

  it('is unaffected by the change to and from summer time', () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(responseDeadline('2026-03-01')).toBe('2026-04-25');
    expect(responseDeadline('2026-03-28')).toBe('2026-05-22');
    expect(responseDeadline('2026-10-01')).toBe('2026-11-25');
    expect(responseDeadline('2026-10-24')).toBe('2026-12-18');
  });

  it('counts 29 February in leap years', () => {
    expect(responseDeadline('2024-02-01')).toBe('2024-03-27');
    expect(responseDeadline('2023-02-01')).toBe('2023-03-28');
    expect(responseDeadline('2024-01-05')).toBe('2024-02-29');
  });

  it('crosses the year end', () => {
    expect(responseDeadline('2025-12-20')).toBe('2026-02-13');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('2023-1-01')).toBe(false);
    expect(isCalendarDate('yesterday')).toBe(false);
    expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
  });

  it("gives today's date in the UK, not UTC", () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST), but still 30 June in winter time.
    expect(ukToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(ukToday(new Date('2026-12-30T23:30:00Z'))).toBe('2026-12-30');
  });

  it('warns from seven days before and is overdue after', () => {
    expect(deadlineStatus('2026-12-20', '2026-12-01')).toEqual({ kind: 'due', daysLeft: 19 });
    expect(deadlineStatus('2026-12-20', '2026-12-13')).toEqual({ kind: 'due_soon', daysLeft: 7 });
    expect(deadlineStatus('2026-12-20', '2026-12-12')).toEqual({ kind: 'due', daysLeft: 8 });
    expect(deadlineStatus('2026-12-20', '2026-12-20')).toEqual({ kind: 'due_today' });
    expect(deadlineStatus('2026-12-20', '2026-12-23')).toEqual({ kind: 'overdue', daysOver: 3 });
  });
});
