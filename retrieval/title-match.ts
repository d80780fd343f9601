// Which documents a question names ("Lincoln's 1862 address", "the CSTO declaration"), from document titles and paths.
import { terms } from '../index/text/terms.ts';

export interface NamedDocuments {
  /** source -> share of the best title match (0..1], only for documents the question names. */
  scores: Map<string, number>;
  /** Question terms a named document's title holds: they are answered by the document itself. */
  titleTerms(source: string): Set<string>;
}

const CLOSE_TO_BEST = 0.8;
const MAX_NAMED = 3;

export class TitleIndex {
  private readonly titles = new Map<string, Set<string>>();
  private readonly df = new Map<string, number>();

  constructor(documents: Array<{ source: string; title: string }>) {
    for (const { source, title } of documents) {
      const set = new Set([...terms(title), ...terms(source.replace(/\.[^.]+$/, ''))]);
      this.titles.set(source, set);
      for (const t of set) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.titles.size - df + 0.5) / (df + 0.5));
  }

  match(queryTerms: string[]): NamedDocuments {
    const unique = new Set(queryTerms);
    const raw = new Map<string, number>();
    for (const [source, title] of this.titles) {
      let score = 0;
      for (const t of unique) if (title.has(t)) score += this.idf(t);
      if (score > 0) raw.set(source, score);
    }
    const best = Math.max(0, ...raw.values());
    const scores = new Map(
      [...raw]
        .filter(([, s]) => s >= CLOSE_TO_BEST * best)
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_NAMED)
        .map(([source, s]) => [source, s / best]),
    );
    return {
      scores,
      titleTerms: (source) => new Set(scores.has(source) ? [...unique].filter((t) => this.titles.get(source)!.has(t)) : []),
    };
  }
}
