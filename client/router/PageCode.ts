// A page's code, split from the app's and loaded once (the response page's editor is most of
// the code). Unlike React.lazy inside Suspense, a page whose code has arrived renders at once:
// React 19 holds a Suspense boundary's content back for up to 300 ms after it has shown the
// fallback, which delayed every response page by about a quarter of a second. Its loading can
// also start before the page is rendered (with the session check, when the page is opened).
import { useEffect, useState } from 'react';

/** The code of one page: loaded on the first `load()`, kept after. */
export class PageCode<C> {
  private loaded: C | null = null;
  private loading: Promise<C> | null = null;

  constructor(private readonly importer: () => Promise<C>) {}

  /** The page's component once its code has arrived. */
  get component(): C | null {
    return this.loaded;
  }

  /** Starts loading the code (once; again after a failure). */
  load(): Promise<C> {
    this.loading ??= this.importer().then(
      (component) => (this.loaded = component),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}

/** What a page's code is for the render: arrived, on its way, or failed to load. */
export type PageCodeState<C> = { status: 'loaded'; component: C } | { status: 'loading' } | { status: 'failed' };

/** The page's component, re-rendering once its code has arrived. */
export function usePageCode<C>(code: PageCode<C>): PageCodeState<C> {
  const [failed, setFailed] = useState(false);
  const [, setArrived] = useState(false);
  const component = code.component;
  useEffect(() => {
    if (component) return;
    let live = true;
    code.load().then(
      () => live && setArrived(true),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [code, component]);
  if (component) return { status: 'loaded', component };
  return failed ? { status: 'failed' } : { status: 'loading' };
}
