/**
 * The notation of the sequence diagrams, drawn by the same code that draws
 * every run ({@link sequenceSvg}), so the key cannot disagree with the
 * figures: chapter 01 places it as the figure `notation`, and the explorer
 * shows it under its run.
 *
 * @module
 */
import type { SequenceDiagram } from '../index';

/** A made-up run with one of each thing a diagram draws, each note saying what it is. */
export const notationDiagram: SequenceDiagram = {
  title: 'How to read a sequence diagram',
  lanes: ['p', 'q', 'r'],
  events: [
    {
      step: 1,
      kind: 'external',
      lane: 'p',
      message: 'Request(x)',
      note: 'external step (the client)',
    },
    { step: 2, kind: 'send', lane: 'p', to: ['q', 'r'], message: 'm', id: 1 },
    { step: 3, kind: 'receive', lane: 'q', message: 'm', id: 1, note: 'solid: delivered' },
    { step: 4, kind: 'duplicate', lane: 'p', to: ['q'], message: 'm', id: 1 },
    { step: 5, kind: 'receive', lane: 'q', message: 'm', id: 1, note: 'dashed: a copy again' },
    { step: 6, kind: 'drop', lane: 'r', message: 'm', id: 1, note: 'lost' },
    { step: 7, kind: 'local', lane: 'r', note: 'local step: x := 1' },
    { step: 8, kind: 'timer', lane: 'p', message: 'a timer fires' },
    { step: 9, kind: 'send', lane: 'q', to: ['p'], message: 'n', id: 2 },
    { step: 10, kind: 'crash', lane: 'r', note: '(dashed while down)' },
    { step: 11, kind: 'recover', lane: 'r' },
  ],
};

/** What the figure's caption says, line by line with the picture. */
export const notationCaption =
  'One row per step, numbered as in the trace. A solid arrow is a message delivered; a dashed one, labelled dup, ' +
  'a copy delivered again; a red dashed one ending in a cross, a message lost; a grey dotted one that reaches ' +
  'no lane, a message still in flight when the run ends (n). A yellow box is an external step, an action of the ' +
  'environment that the spec sees; a dot with a note is a local step, with what it changed; a clock is a timer; ' +
  'a red cross is a crash, and the lane stays red and dashed until the process recovers.';
