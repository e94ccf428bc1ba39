// y-leveldb's package exports carry no types for bundler resolution; the part the benchmark uses.
declare module 'y-leveldb' {
  import type * as Y from 'yjs';

  /** The level database y-leveldb transacts on (keys encoded by y-leveldb's keyEncoding). */
  export interface LevelDatabase {
    batch(operations: Array<{ type: 'put'; key: Array<string | number>; value: Buffer }>): Promise<void>;
  }

  export class LeveldbPersistence {
    constructor(location: string);
    _transact<T>(f: (db: LevelDatabase) => Promise<T>): Promise<T>;
    getYDoc(docName: string): Promise<Y.Doc>;
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    destroy(): Promise<void>;
  }
}
