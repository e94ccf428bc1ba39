import { describeRag, type RagRating } from '../../shared/tracking';

/** A RAG rating as a tag: its colour, and its words (so colour is never the only cue). */
export function RagTag({ rag }: { rag: RagRating }) {
  return <strong className={`tag rag rag--${rag.rating.replace('_', '-')}`}>{describeRag(rag)}</strong>;
}
