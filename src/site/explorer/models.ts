/**
 * The models a reader can step through in the explorer: every chapter's
 * `explorer` models, in reading order, each with the number of the chapter
 * that gives it. A chapter adds a model by listing it in its `explorer`
 * (see `ExplorerModel` in the chapter contract); the site knows no
 * chapter's code.
 *
 * @module
 */
import { chapters } from '../../chapters';
import type { Chapter, ExplorerModel } from '../../chapters/chapter';

/** An explorer model, with the chapter it belongs to. */
export type SiteExplorerModel<S = any, X = any> = ExplorerModel<S, X> & {
  /** The number of the chapter that gives it. */
  readonly chapter: string;
};

/**
 * The explorer models of some chapters, in their order.
 *
 * @param chs - the chapters (the registry's, in reading order)
 * @returns each chapter's models, with its number
 */
export function explorerModelsOf(chs: readonly Chapter[]): SiteExplorerModel[] {
  return chs.flatMap((c) => (c.explorer ?? []).map((m) => ({ ...m, chapter: c.id })));
}

/**
 * Why these models cannot share one menu, or undefined if they can: ids
 * must be unique and start with their chapter's id.
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
  }
  return undefined;
}

/** Every registered chapter's explorer models, in reading order. */
export const explorerModels: readonly SiteExplorerModel[] = explorerModelsOf(chapters);
