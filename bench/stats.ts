// Percentiles and small formatting helpers for the benchmark tables.

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index]!;
}

/** p50/p95/p99/max/mean of a sample (milliseconds, usually). */
export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const value of list) sum += value;
  return {
    count: list.length,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length > 0 ? list[list.length - 1]! : Number.NaN,
    mean: list.length > 0 ? sum / list.length : Number.NaN,
  };
}

/** Collects latency samples without keeping a huge array per observer. */
export class Samples {
  private readonly values: number[] = [];

  add(value: number): void {
    this.values.push(value);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): Summary {
    return summarize(this.values);
  }
}

/** Milliseconds with a sensible number of decimals. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function mb(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  return (bytes / (1024 * 1024)).toFixed(1);
}

export function kb(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  return (bytes / 1024).toFixed(1);
}

export function seconds(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toFixed(2);
}

export function count(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return Math.round(value).toLocaleString('en-GB');
}
