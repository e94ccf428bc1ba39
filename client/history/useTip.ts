import { useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';

/** The gap kept between a credit and the window's edges. */
const EDGE_PX = 8;

/** The right edge a credit must stay within: the window's, or that of the box that clips it (a dialog). */
function rightLimit(anchor: HTMLElement): number {
  let limit = document.documentElement.clientWidth;
  for (let box = anchor.parentElement; box && box !== document.body; box = box.parentElement) {
    if (getComputedStyle(box).overflowX !== 'visible') {
      const rect = box.getBoundingClientRect();
      limit = Math.min(limit, rect.left + box.clientLeft + box.clientWidth);
      break;
    }
  }
  return limit - EDGE_PX;
}

/** Moves the credit of `anchor` sideways, if need be, so that it stays inside the window (and its dialog). */
function keepInWindow(anchor: HTMLElement): void {
  const tip = anchor.querySelector<HTMLElement>(':scope > .tip');
  if (!tip) return;
  // Measuring applies the :hover or :focus style that shows the credit first.
  tip.style.left = '';
  const box = tip.getBoundingClientRect();
  if (box.width <= 1) return;
  const overflow = box.right - rightLimit(anchor);
  const shift = overflow > 0 ? Math.min(overflow, box.left - EDGE_PX) : 0;
  // Set through the CSSOM, which the app's style-src CSP allows.
  if (shift > 0) tip.style.left = `${-shift}px`;
}

/** The passage whose credit is shown, placed again when the window changes size. */
let shown: HTMLElement | null = null;
let listening = false;

function show(anchor: HTMLElement): void {
  shown = anchor;
  if (!listening) {
    listening = true;
    window.addEventListener('resize', () => {
      // The focused passage too: a window can lose focus and get it back without a focus event here.
      const focused = document.activeElement;
      if (focused instanceof HTMLElement && focused !== shown && focused.querySelector(':scope > .tip')) keepInWindow(focused);
      if (shown?.isConnected) keepInWindow(shown);
    });
  }
  keepInWindow(anchor);
}

function hide(anchor: HTMLElement): void {
  if (shown === anchor) shown = null;
}

/**
 * A credit shown on hover and on focus, kept inside the window, that Escape hides (WCAG 1.4.13:
 * dismissable without moving the pointer or focus), shown again once the pointer or focus
 * leaves and comes back.
 */
export function useTip(): {
  hidden: boolean;
  handlers: {
    onKeyDown: (event: KeyboardEvent) => void;
    onFocus: (event: FocusEvent<HTMLElement>) => void;
    onMouseEnter: (event: MouseEvent<HTMLElement>) => void;
    onBlur: (event: FocusEvent<HTMLElement>) => void;
    onMouseLeave: (event: MouseEvent<HTMLElement>) => void;
  };
} {
  const [hidden, setHidden] = useState(false);
  return {
    hidden,
    handlers: {
      onKeyDown: (event) => {
        if (event.key !== 'Escape' || hidden) return;
        // Hides the credit only, not the dialog around it.
        event.preventDefault();
        event.stopPropagation();
        setHidden(true);
      },
      onFocus: (event) => show(event.currentTarget),
      onMouseEnter: (event) => show(event.currentTarget),
      onBlur: (event) => {
        hide(event.currentTarget);
        setHidden(false);
      },
      onMouseLeave: (event) => {
        // Still focused: its credit stays shown.
        if (event.currentTarget !== document.activeElement) hide(event.currentTarget);
        setHidden(false);
      },
    },
  };
}
