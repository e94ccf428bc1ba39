import { useEffect } from 'react';

/** Sets the document's title, so each page is named in tabs, history and screen readers. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} - Countersign` : 'Countersign';
  }, [title]);
}
