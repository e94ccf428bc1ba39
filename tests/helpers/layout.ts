// Layout checks for the end-to-end tests: sideways scrolling (WCAG 1.4.10 reflow), what has
// the focus, and the keyboard alone.
import type { Locator, Page } from 'playwright-core';

/** The widths every page is checked at: a laptop, and WCAG 1.4.10's 320 CSS px. */
export const WIDTHS = [1366, 320] as const;

/** Sets the viewport to `width` (a phone's height at 320). */
export async function setWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: width <= 400 ? 640 : 900 });
}

/**
 * What makes the page scroll sideways: the document wider than the viewport, or any element
 * that scrolls sideways itself (a table in a scrolling box is sideways scrolling too). Empty
 * when nothing does.
 */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page is ${root.scrollWidth} px wide at ${root.clientWidth} px`);
    for (const element of document.body.querySelectorAll('*')) {
      const { overflowX } = getComputedStyle(element);
      if ((overflowX === 'auto' || overflowX === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        const classes = typeof element.className === 'string' ? element.className.trim().replace(/\s+/g, '.') : '';
        found.push(`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${classes ? `.${classes}` : ''} scrolls sideways (${element.scrollWidth} px in ${element.clientWidth} px)`);
      }
    }
    return found;
  });
}

/** Whether the element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** A short description of what has the focus: its accessible name if it has one, else its tag. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    const labelledBy = active.getAttribute('aria-labelledby');
    const label = labelledBy ? document.getElementById(labelledBy.split(' ')[0] ?? '')?.textContent : null;
    return (active.getAttribute('aria-label') ?? label ?? active.textContent ?? active.tagName).trim();
  });
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would; fails
 * after `limit` presses. Returns how many presses it took.
 */
export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; limit?: number } = {}): Promise<number> {
  const limit = options.limit ?? 200;
  for (let presses = 0; presses <= limit; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach the element in ${limit} presses (focus is on ${await focusedName(page)})`);
}
