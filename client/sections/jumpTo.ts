import type { MouseEvent } from 'react';

/**
 * Moves focus to the element with id `anchor` (a section, the publish panel) and brings it into
 * view, as a same-page link should: a screen reader then reads from there, and Tab goes on from
 * there. The address keeps the fragment, so the place can be shared. False if it is not there.
 */
export function jumpTo(anchor: string): boolean {
  const target = document.getElementById(anchor);
  if (!target) return false;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  // The page's sticky status is allowed for by the root's scroll-padding (styles.css).
  target.scrollIntoView({ block: 'start' });
  window.history.replaceState(window.history.state, '', `#${encodeURIComponent(anchor)}`);
  return true;
}

/** A click handler for a link to `#anchor` on the same page. */
export function onJumpLinkClick(anchor: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (jumpTo(anchor)) event.preventDefault();
  };
}
