// What a paste left out, said to the person who pasted: nothing disappears without a word.

/** Counts of what the paste clean-up left out. */
export interface DroppedContent {
  images: number;
  /** Video, audio, embedded frames and objects. */
  media: number;
  /** Word comments (the comment list, or their markers when the list was not copied). */
  comments: number;
  /** Footnotes and endnotes. */
  footnotes: number;
}

/** Nothing dropped. */
export function nothingDropped(): DroppedContent {
  return { images: 0, media: 0, comments: 0, footnotes: 0 };
}

/** Whether anything was dropped. */
export function droppedAnything(dropped: DroppedContent): boolean {
  return dropped.images + dropped.media + dropped.comments + dropped.footnotes > 0;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The sentence shown beside the editor after a paste, e.g. "1 image was not pasted: Countersign
 * sections hold text only."; empty when nothing was dropped.
 */
export function droppedMessage(dropped: DroppedContent): string {
  const sentences: string[] = [];
  const nonText = [
    ...(dropped.images > 0 ? [count(dropped.images, 'image', 'images')] : []),
    ...(dropped.media > 0 ? [count(dropped.media, 'video or embedded item', 'videos or embedded items')] : []),
  ];
  if (nonText.length > 0) {
    const total = dropped.images + dropped.media;
    sentences.push(`${nonText.join(' and ')} ${total === 1 ? 'was' : 'were'} not pasted: Countersign sections hold text only.`);
  }
  if (dropped.comments > 0) {
    const verb = dropped.comments === 1 ? 'was' : 'were';
    sentences.push(`${count(dropped.comments, 'Word comment', 'Word comments')} ${verb} not pasted: use a thread to comment.`);
  }
  if (dropped.footnotes > 0) {
    const verb = dropped.footnotes === 1 ? 'was' : 'were';
    sentences.push(
      `${count(dropped.footnotes, 'footnote', 'footnotes')} ${verb} not pasted: add the text to the section if it is needed.`,
    );
  }
  return sentences.join(' ');
}
