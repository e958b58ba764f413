import type { HighlightedText as Segments } from '../../../../electron/contract';

/** Matched words in <mark>, built as text nodes: search results never go through innerHTML. */
export function HighlightedText({ segments }: { segments: Segments }) {
  return (
    <>
      {segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}
