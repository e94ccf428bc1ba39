// What the browser scenario measures inside the page. Plain JavaScript in strings: a function
// handed to page.evaluate is sent as its source, and the source tsx makes of TypeScript may call
// helpers (esbuild's __name) that do not exist in the page.

/** What the load probe records, in ms since navigation start (performance.timeOrigin). */
export interface LoadProbe {
  /** The first editor in the page (DOM order) showed its section's text, on this frame. */
  firstEditorMs: number | null;
  /** Every editor showed its text and the save status said "All changes saved", on this frame. */
  allSyncedMs: number | null;
  editors: number;
}

/**
 * Installed before the page's own scripts (context.addInitScript): once a frame it looks at the
 * editors (`[role=textbox][contenteditable]`) and the save-status region. A frame's time is when
 * its requestAnimationFrame callbacks run, just before it is painted, so each figure is the
 * first frame that showed the state (to one frame, ~16 ms). Looking costs one pass over the
 * editors' text per frame; it adds no layout.
 */
export function loadProbeScript(markers: readonly string[]): string {
  return `(() => {
  const markers = ${JSON.stringify(markers)};
  const probe = { firstEditorMs: null, allSyncedMs: null, editors: 0 };
  window.__benchLoad = probe;
  const look = () => {
    const editors = document.querySelectorAll('[role=textbox][contenteditable]');
    probe.editors = editors.length;
    if (editors.length > 0) {
      if (probe.firstEditorMs === null) {
        const first = editors[0].textContent || '';
        if (markers.some((marker) => first.includes(marker))) probe.firstEditorMs = performance.now();
      }
      if (editors.length === markers.length) {
        let all = '';
        for (const editor of editors) all += (editor.textContent || '') + '\\n';
        const status = document.querySelector('.save-status');
        if (status && status.textContent.trim() === 'All changes saved' && markers.every((marker) => all.includes(marker))) {
          probe.allSyncedMs = performance.now();
          return;
        }
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;
}

/** What the keystroke probe records. */
export interface KeyProbe {
  /** Per keystroke that changed the text: ms from its keydown's timeStamp to the next frame after the change. */
  samples: number[];
  /** The timeStamp of every keydown, in order. */
  keydownsAt: number[];
  /** Event Timing API entries for keydown of 16 ms or more (its smallest threshold; durations are rounded to 8 ms). */
  slowKeydowns: Array<{ startTime: number; duration: number }>;
}

/**
 * Installed once the page has loaded (page.evaluate): for each keydown, its `timeStamp` (when
 * the browser received the key), then at the `input` event that follows (the text in the DOM
 * has changed; ProseMirror reads it in a microtask after) a requestAnimationFrame, then a
 * MessageChannel message posted from it: that message runs after the frame that showed the
 * keystroke was produced (rendering follows the rAF callbacks in the same task). The sample is
 * that moment minus the keydown's timeStamp. Remote members' edits change the DOM too, but only
 * a local keystroke fires `input`, so each sample belongs to one key.
 */
export const KEY_PROBE_SCRIPT = `(() => {
  const probe = { samples: [], keydownsAt: [], slowKeydowns: [] };
  window.__benchKeys = probe;
  let pending = null;
  document.addEventListener('keydown', (event) => {
    probe.keydownsAt.push(event.timeStamp);
    pending = event.timeStamp;
  }, true);
  document.addEventListener('input', () => {
    if (pending === null) return;
    const keyAt = pending;
    pending = null;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.samples.push(performance.now() - keyAt);
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.name === 'keydown') probe.slowKeydowns.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: 'event', durationThreshold: 16 });
  } catch {
    // No Event Timing in this browser: the cross-check stays empty.
  }
})();`;
