// What a screen reader would be told: every change of text in the page's live regions
// (role status or alert, aria-live), recorded in the page from the moment `recordLiveRegions` runs.
import type { Page } from 'playwright-core';

/** One announcement: the live region's text after a change. */
export interface LiveChange {
  region: string;
  text: string;
}

declare global {
  interface Window {
    __liveChanges?: LiveChange[];
  }
}

/** Starts recording changes of the page's live regions (a fresh record each call). */
export async function recordLiveRegions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const changes: LiveChange[] = [];
    window.__liveChanges = changes;
    const selector = '[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])';
    const last = new WeakMap<Element, string>();
    for (const region of document.querySelectorAll(selector)) last.set(region, region.textContent ?? '');
    const observer = new MutationObserver((mutations) => {
      const touched = new Set<Element>();
      for (const mutation of mutations) {
        const node = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
        const region = node?.closest(selector);
        if (region) touched.add(region);
        // A region added whole is announced when it has text.
        for (const added of mutation.addedNodes) {
          if (added instanceof Element && added.matches(selector)) touched.add(added);
        }
      }
      for (const region of touched) {
        const text = region.textContent ?? '';
        if (last.get(region) === text) continue;
        last.set(region, text);
        if (text.trim() === '') continue;
        const name = region.getAttribute('data-save-announcement') !== null ? 'save status' : (region.className || region.tagName.toLowerCase());
        changes.push({ region: name, text });
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** The changes recorded so far. */
export function liveChanges(page: Page): Promise<LiveChange[]> {
  return page.evaluate(() => window.__liveChanges ?? []);
}
