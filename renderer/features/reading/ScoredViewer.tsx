import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import type { ReadView, SliceAnchor } from '../../../shared/reads/Read';
import type { ScoringSystemDefinition } from '../../../shared/scoring/ScoringSystemDefinition';
import { type AxialSlice, type Side, ViewerWorkspace, type ViewerWorkspaceProps } from '../../viewer/ViewerWorkspace';
import { ScoreForm } from '../scoring/ScoreForm';
import { sliceAnchorOf } from './sliceAnchorOf';

const WIDTH_KEY = 'lungscore.scoreFormWidth';
const MIN_WIDTH = 320;
const MAX_WIDTH = 900;
const DEFAULT_WIDTH = 500;

function initialWidth(): number {
  const stored = Number(localStorage.getItem(WIDTH_KEY));
  return Number.isFinite(stored) && stored >= MIN_WIDTH && stored <= MAX_WIDTH ? stored : DEFAULT_WIDTH;
}

export type ScoredViewerProps = Pick<ViewerWorkspaceProps, 'seriesKey' | 'compareKey' | 'sources' | 'captions' | 'masked'> & {
  /** The side the read scores (default a). */
  scoredSide?: Side;
  read: ReadView | null;
  definition: ScoringSystemDefinition | null;
  /** Above the form: the system picker, a pair's better/same/worse question. */
  panelHeader?: ReactNode;
  /** Shown in the panel when there is no read yet. */
  noRead?: ReactNode;
  onReadChange?(read: ReadView): void;
};

/**
 * The reading screen's body (issue 5): the viewer, and beside it in a side panel the score form that
 * follows the axial slice in view (B anchors a level or boundary on it, J shows an anchor again, the
 * rows of the region in view are highlighted). The panel is resizable by its edge; keys typed inside
 * it belong to the form, not the viewer (the panel carries `data-own-keys`).
 */
export function ScoredViewer(props: ScoredViewerProps) {
  const [slice, setSlice] = useState<AxialSlice | null>(null);
  const [jump, setJump] = useState<{ anchor: SliceAnchor; nonce: number } | undefined>(undefined);
  const [width, setWidth] = useState(initialWidth);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  useEffect(() => {
    localStorage.setItem(WIDTH_KEY, String(width));
  }, [width]);

  const onSplitterDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    drag.current = { startX: event.clientX, startWidth: width };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onSplitterMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The panel is on the right: dragging its edge left widens it.
    const next = drag.current.startWidth + drag.current.startX - event.clientX;
    setWidth(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, next)));
  };

  const currentSliceAnchor = useMemo(() => (slice ? sliceAnchorOf(slice) : undefined), [slice]);
  // Until there is a form to show, the panel holds only a picker: the images get the room.
  const hasForm = props.read !== null && props.definition !== null;

  return (
    <div className="scored-viewer" style={{ gridTemplateColumns: `minmax(0, 1fr) 6px ${hasForm ? width : MIN_WIDTH}px` }}>
      <div className="scored-viewer-images">
        <ViewerWorkspace
          seriesKey={props.seriesKey}
          compareKey={props.compareKey ?? null}
          masked={props.masked}
          {...(props.sources ? { sources: props.sources } : {})}
          {...(props.captions ? { captions: props.captions } : {})}
          scoredSide={props.scoredSide ?? 'a'}
          onAxialSliceChange={setSlice}
          {...(jump ? { jumpToSlice: jump } : {})}
        />
      </div>
      <div
        className="scored-viewer-splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the score form"
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        onPointerDown={onSplitterDown}
        onPointerMove={onSplitterMove}
        onPointerUp={() => (drag.current = null)}
        onDoubleClick={() => setWidth(DEFAULT_WIDTH)}
      />
      <aside className="scored-viewer-panel" data-own-keys aria-label="Scoring">
        {props.panelHeader}
        {props.read && props.definition ? (
          <ScoreForm
            key={props.read.id}
            definition={props.definition}
            read={props.read}
            {...(currentSliceAnchor ? { currentSliceAnchor } : {})}
            onJumpToAnchor={(anchor) => setJump((current) => ({ anchor, nonce: (current?.nonce ?? 0) + 1 }))}
            {...(props.onReadChange ? { onReadChange: props.onReadChange } : {})}
          />
        ) : (
          props.noRead
        )}
        {slice ? (
          <div className="muted scored-viewer-slice" data-testid="form-slice">
            Slice in view: table {slice.tablePositionMm.toFixed(1)} mm{currentSliceAnchor ? '' : ' (this image has no SOPInstanceUID and cannot be anchored)'}
          </div>
        ) : null}
      </aside>
    </div>
  );
}
