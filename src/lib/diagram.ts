/**
 * Sequence diagrams of runs: lanes (one per process) and events (a message
 * sent, received, lost or duplicated; a crash; a timer; a local step). A chapter
 * describes its runs in these terms; the site draws them as SVG.
 *
 * @module
 */

/**
 * What happened at one step, as a diagram shows it.
 *
 * @category Rendering
 */
export type SequenceEventKind =
  | 'send'
  | 'receive'
  | 'drop'
  | 'duplicate'
  | 'crash'
  | 'recover'
  | 'local'
  | 'timer'
  | 'external';

/**
 * One event of a run, on one lane.
 *
 * @category Rendering
 */
export interface SequenceEvent {
  /** The step of the run it belongs to (1 for the first step). */
  readonly step: number;
  /** What kind of event. */
  readonly kind: SequenceEventKind;
  /** The lane (process) where it happens: the sender of a send, the receiver of a receive. */
  readonly lane: string;
  /** For a send: the lanes it is addressed to. */
  readonly to?: readonly string[];
  /** The message, as text (`query(1, a)`). */
  readonly message?: string;
  /** Pairs a send with its receives, drops and duplicates. */
  readonly id?: string | number;
  /** A short note: what changed (`s[a][1] := no`). */
  readonly note?: string;
}

/**
 * A run as lanes and events, for drawing.
 *
 * @category Rendering
 */
export interface SequenceDiagram {
  /** A title for the figure. */
  readonly title?: string;
  /** The lanes, left to right. */
  readonly lanes: readonly string[];
  /** The events, in step order. */
  readonly events: readonly SequenceEvent[];
}
