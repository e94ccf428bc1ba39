// The roving tabindex of a WAI-ARIA toolbar: the toolbar is one Tab stop, its buttons are reached
// with the arrow keys, Home and End, and it remembers the button last used.
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';

/** Props for the item at `index`, the toolbar's key handler, and a way to focus it. */
export interface RovingFocus {
  itemProps: (index: number) => { tabIndex: 0 | -1; ref: (element: HTMLButtonElement | null) => void; onFocus: () => void };
  onKeyDown: (event: KeyboardEvent) => boolean;
  focus: () => void;
}

/** Roving focus over `count` items in a row. */
export function useRovingFocus(count: number): RovingFocus {
  const [current, setCurrent] = useState(0);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const active = Math.min(current, count - 1);

  const move = useCallback((index: number) => {
    setCurrent(index);
    items.current[index]?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent): boolean => {
    switch (event.key) {
      case 'ArrowRight':
        move((active + 1) % count);
        return true;
      case 'ArrowLeft':
        move((active - 1 + count) % count);
        return true;
      case 'Home':
        move(0);
        return true;
      case 'End':
        move(count - 1);
        return true;
      default:
        return false;
    }
  };

  return {
    itemProps: (index) => ({
      tabIndex: index === active ? 0 : -1,
      ref: (element) => {
        items.current[index] = element;
      },
      onFocus: () => setCurrent(index),
    }),
    onKeyDown,
    focus: () => items.current[active]?.focus(),
  };
}
