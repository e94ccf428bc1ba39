import { shortHash } from './versionWords';

/** A hash shortened to read, its full value one step away (and copyable). */
export function HashValue({ hash }: { hash: string }) {
  return (
    <details className="hash-value">
      <summary>
        <code>{shortHash(hash)}</code>
        <span className="visually-hidden"> (show the full hash)</span>
      </summary>
      <code className="hash-value__full">{hash}</code>
    </details>
  );
}
