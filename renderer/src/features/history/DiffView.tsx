import type { DiffSegment } from '../../../../electron/contract';
import { strings } from '../../i18n';
import { condenseDiff } from './condenseDiff';

/**
 * Insertions and deletions are underlined or struck through and tinted, and each is announced in
 * words ("added:", "removed:") for screen readers and for anyone who cannot tell the colours apart.
 */
export function DiffView({ segments, label }: { segments: readonly DiffSegment[]; label: string }) {
  const pieces = condenseDiff(segments);
  const h = strings.history;
  return (
    <div className="diff" role="region" aria-label={label}>
      {pieces.map((piece, index) => {
        if (piece.type === 'equal') return <span key={index}>{piece.text}</span>;
        if (piece.type === 'gap')
          return (
            <span key={index} className="diff__gap" aria-hidden="true">
              {' … '}
            </span>
          );
        const Tag = piece.type === 'insert' ? 'ins' : 'del';
        return (
          <Tag key={index} className={`diff__${piece.type}`}>
            <span className="visually-hidden">{piece.type === 'insert' ? h.added : h.removed} </span>
            {piece.text}
            <span className="visually-hidden"> {h.endChange}</span>
          </Tag>
        );
      })}
    </div>
  );
}
