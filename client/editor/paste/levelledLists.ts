// Lists written flat, one level at a time (Word for the web): every item says its level in
// `data-aria-level`, and each list, or each item, sits in its own wrapper. Runs of such lists
// with nothing between them are rebuilt as one nested list.

interface Open {
  list: Element;
  level: number;
  item: Element | null;
}

function levelOf(item: Element): number {
  const level = Number(item.getAttribute('data-aria-level'));
  return Number.isInteger(level) && level > 0 ? level : 1;
}

/** Whether only white space (no text, no other element) lies between two lists. */
function adjacent(before: Element, after: Element): boolean {
  const range = before.ownerDocument.createRange();
  range.setStartAfter(before);
  range.setEndBefore(after);
  const between = range.cloneContents();
  return !(between.textContent ?? '').replace(/[\s\u00a0]+/g, '') && !between.querySelector('img, table, hr, br');
}

function levelledLists(root: Element): Element[] {
  return [...root.querySelectorAll('ul, ol')].filter(
    (list) => list.querySelector(':scope > li[data-aria-level]') !== null && !list.parentElement?.closest('li'),
  );
}

/** The nested lists of one run, at the outer level (a new one where the kind of list changes). */
function nest(run: Element[]): Element[] {
  const doc = run[0]!.ownerDocument;
  const open: Open[] = [];
  const outer: Element[] = [];
  for (const source of run) {
    for (const item of [...source.children].filter((child) => child.localName === 'li')) {
      const level = levelOf(item);
      while (open.length > 0 && open[open.length - 1]!.level > level) open.pop();
      let current = open[open.length - 1];
      if (current && current.level === level && current.list.localName !== source.localName) {
        open.pop();
        current = open[open.length - 1];
      }
      if (!current || current.level < level) {
        const list = doc.createElement(source.localName);
        if (current) (current.item ?? current.list.appendChild(doc.createElement('li'))).appendChild(list);
        else outer.push(list);
        current = { list, level, item: null };
        open.push(current);
      }
      current.list.appendChild(item);
      current.item = item;
    }
  }
  return outer;
}

/** Rebuilds each run of flat, levelled lists under `root` as nested lists. */
export function nestLevelledLists(root: Element): void {
  let run: Element[] = [];
  const flush = () => {
    if (run.length === 0) return;
    run[0]!.before(...nest(run));
    for (const list of run) list.remove();
    run = [];
  };
  for (const list of levelledLists(root)) {
    const last = run[run.length - 1];
    if (last && !adjacent(last, list)) flush();
    run.push(list);
  }
  flush();
}
