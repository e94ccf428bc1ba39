import { useEffect } from 'react';

/**
 * Once the page is ready, brings the element the address's fragment names (#section-..., #thread-...)
 * into view and moves focus to it: links from notifications and mail land on their place even
 * though the page renders after it loads.
 */
export function useHashTarget(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    let tries = 0;
    const find = () => {
      const target = document.getElementById(id);
      if (target) {
        target.scrollIntoView({ block: 'start' });
        if (target.tabIndex >= 0 || target.hasAttribute('tabindex')) target.focus({ preventScroll: true });
        return;
      }
      // Threads arrive a moment after the response itself.
      if (++tries < 20) timer = setTimeout(find, 100);
    };
    let timer = setTimeout(find, 0);
    return () => clearTimeout(timer);
  }, [ready]);
}
