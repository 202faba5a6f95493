/**
 * The models a reader can step through in the explorer: every chapter's
 * `explorer` models, in reading order, each with the number of the chapter
 * that gives it and the chapter's mutants it can run. A chapter adds a
 * model by listing it in its `explorer` (see `ExplorerModel` in the chapter
 * contract), and offers a mutant there by naming the mutant's check in the
 * model's `mutants`; the site knows no chapter's code.
 *
 * @module
 */
import { chapters } from '../../chapters';
import type { Chapter, ExplorerModel } from '../../chapters/chapter';

/** A chapter's mutant as the explorer runs it: the model with the mutant's variant in it. */
export interface SiteMutant<S = any, X = any> {
  /** The mutant's name, unique in its chapter (`any allowed value`). */
  readonly name: string;
  /** What the mutant changed, in a sentence. */
  readonly bug: string;
  /** The model with the bug. */
  readonly model: ExplorerModel<S, X>;
}

/** An explorer model, with the chapter it belongs to and the mutants it runs. */
export type SiteExplorerModel<S = any, X = any> = ExplorerModel<S, X> & {
  /** The number of the chapter that gives it. */
  readonly chapter: string;
  /** The chapter's mutants this model runs, in the chapter's order. */
  readonly mutantModels: readonly SiteMutant<S, X>[];
};

/**
 * The mutants of a chapter that an explorer model runs: each mutant whose
 * check the model names, with what its variant changes laid over the model.
 *
 * @param c - the chapter
 * @param m - one of its explorer models
 * @returns the mutants, in the chapter's order
 */
function mutantModelsOf(c: Chapter, m: ExplorerModel): SiteMutant[] {
  const out: SiteMutant[] = [];
  if (!m.mutants?.length) return out;
  for (const mu of c.mutants) {
    const how = m.mutants.find((x) => x.checks.includes(mu.caughtBy));
    const change = how?.apply(mu.variant);
    if (!change) continue;
    out.push({ name: mu.name, bug: mu.bug, model: { ...m, ...change } });
  }
  return out;
}

/**
 * The explorer models of some chapters, in their order.
 *
 * @param chs - the chapters (the registry's, in reading order)
 * @returns each chapter's models, with its number and the mutants each runs
 */
export function explorerModelsOf(chs: readonly Chapter[]): SiteExplorerModel[] {
  return chs.flatMap((c) =>
    (c.explorer ?? []).map((m) => ({ ...m, chapter: c.id, mutantModels: mutantModelsOf(c, m) })),
  );
}

/**
 * Why these models cannot share one menu, or undefined if they can: ids
 * must be unique and start with their chapter's id, and a model's mutants
 * must have distinct names (a link names one).
 *
 * @param models - the models
 * @returns an explanation naming the model, or undefined
 */
export function explorerModelProblem(models: readonly SiteExplorerModel[]): string | undefined {
  const seen = new Set<string>();
  for (const m of models) {
    const nn = m.chapter;
    if (!m.id.startsWith(`${nn}-`))
      return `explorer model '${m.id}' of chapter ${nn}: its id must start with '${nn}-'`;
    if (seen.has(m.id)) return `two explorer models have the id '${m.id}'`;
    seen.add(m.id);
    const names = m.mutantModels.map((x) => x.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) return `explorer model '${m.id}' has two mutants named '${twice}'`;
  }
  return undefined;
}

/** Every registered chapter's explorer models, in reading order. */
export const explorerModels: readonly SiteExplorerModel[] = explorerModelsOf(chapters);
