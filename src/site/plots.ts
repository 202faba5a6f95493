/**
 * The plots chapters call for, by name. A chapter's prose places one with
 * `::: plot NN-plot-<name>`; the build runs `make` (which may run the
 * chapter's models and measure) and draws the result with {@link plotSvg}.
 *
 * To add one, append an entry here:
 *
 * ```ts
 * { name: '09-plot-rounds', title: 'rounds until a decision', make: () => ({ ... }) }
 * ```
 *
 * Names start with the chapter's two digits and `-plot-`. `make` must be
 * deterministic (fixed seeds, counts rather than timings), like transcripts.
 *
 * @module
 */
import type { PlotSpec } from './plot';

/** A plot a chapter places by name. */
export interface NamedPlot {
  /** `NN-plot-<name>`, as the marker names it. */
  readonly name: string;
  /** What it shows, as its caption. */
  readonly title: string;
  /** Compute it (deterministically). */
  readonly make: () => PlotSpec;
}

/** Every plot the chapters place. */
export const plots: readonly NamedPlot[] = [];
