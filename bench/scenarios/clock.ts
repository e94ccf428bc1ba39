/** Milliseconds on a clock that every thread of the process shares (worker threads included). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
