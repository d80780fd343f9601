// answer(): question in, verbatim located quotes out (or an honest "not in the documents").
import { terms } from '../index/text/terms.ts';
import { hybridSearch } from './hybrid-search.ts';
import type { LoadedStore } from './load-store.ts';
import { decideAnswered, type Evidence } from './abstain.ts';
import { validateQuestion } from './question.ts';
import { pickQuote } from './quote.ts';
import type { Answer, AnswerOptions, Citation } from './types.ts';
import { queryBackground, type QueryBackground } from './background.ts';
import { TitleIndex } from './title-match.ts';

export type EmbedQuery = (text: string) => Promise<Float32Array | null>;

export const RANKING = { vectorWeight: 1, keywordWeight: 1, candidates: 20, quoteWeight: 0.5, titleWeight: 0.5 };
for (const k of Object.keys(RANKING) as (keyof typeof RANKING)[]) if (process.env['R_' + k]) RANKING[k] = Number(process.env['R_' + k]);

/** A loaded store with what answering needs beside it, computed once per load. */
export interface SearchContext {
  store: LoadedStore;
  background: QueryBackground;
  titles: TitleIndex;
}

export function searchContext(store: LoadedStore): SearchContext {
  const documents = Object.entries(store.manifest.files).map(([source, f]) => ({ source, title: f.title }));
  return { store, background: queryBackground(store), titles: new TitleIndex(documents) };
}

export async function answerFromStore(
  context: SearchContext,
  embed: EmbedQuery,
  rawQuestion: string,
  options: AnswerOptions = {},
): Promise<Answer> {
  const { store, background } = context;
  const question = validateQuestion(rawQuestion);
  const limit = options.limit ?? 5;
  const perDocument = options.source ? limit : (options.perDocument ?? 3);
  const queryTerms = terms(question);
  const weights = new Map(queryTerms.map((t) => [t, store.keyword.idf(t)]));
  const vector = await embed(question);
  const allowed = options.source ? sourceFilter(store, options.source) : undefined;
  const named = context.titles.match(queryTerms);
  const candidates = hybridSearch(store, vector, queryTerms, { ...RANKING, k: RANKING.candidates, allowed });
  if (!options.source) {
    // Questions that name a document ("Lincoln's 1862 address") also get that document's best passages.
    const inNamed = (position: number) => named.scores.has(store.passages[position]!.source);
    for (const c of hybridSearch(store, vector, queryTerms, { ...RANKING, k: RANKING.candidates, allowed: inNamed })) {
      const known = candidates.find((x) => x.position === c.position);
      if (!known) candidates.push(c);
      else known.score = Math.max(known.score, c.score);
    }
  }

  const top = Math.max(...candidates.map((c) => c.score), 1e-9);
  const ranked = candidates.map((c) => {
    const passage = store.passages[c.position]!;
    const quote = pickQuote(passage, weights, named.titleTerms(passage.source));
    const title = named.scores.get(passage.source) ?? 0;
    const score = c.score / top + RANKING.quoteWeight * quote.coverage + RANKING.titleWeight * title;
    return { passage, quote, score, cosine: c.cosine };
  });
  ranked.sort((a, b) => b.score - a.score);

  const citations: Citation[] = [];
  const perSource = new Map<string, number>();
  for (const { passage, quote, score } of ranked) {
    if (citations.length >= limit) break;
    const used = perSource.get(passage.source) ?? 0;
    if (used >= perDocument) continue;
    if (citations.some((c) => c.source === passage.source && c.location.charStart < quote.charEnd && quote.charStart < c.location.charEnd)) continue;
    perSource.set(passage.source, used + 1);
    citations.push(citation(passage, quote.charStart, quote.charEnd, score));
  }

  const best = ranked[0];
  const evidence: Evidence = {
    coverage: best?.quote.coverage ?? 0,
    vectorZ: vector && best?.cosine !== undefined ? background.zScore(vector, best.cosine) : undefined,
    termCount: weights.size,
  };
  const answered = citations.length > 0 && decideAnswered(evidence);
  return { answered, citations: answered ? citations : [], index: indexFacts(store) };
}

export function citation(passage: LoadedStore['passages'][number], charStart: number, charEnd: number, score: number): Citation {
  const text = passage.text.slice(charStart - passage.charStart, charEnd - passage.charStart);
  const before = passage.text.slice(0, charStart - passage.charStart);
  const lineStart = passage.lineStart + countLines(before);
  return {
    passageId: passage.id,
    source: passage.source,
    title: passage.title,
    ...(passage.section !== undefined && { section: passage.section }),
    quote: text,
    location: { charStart, charEnd, lineStart, lineEnd: lineStart + countLines(text), paragraph: passage.paragraph },
    score,
  };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function sourceFilter(store: LoadedStore, source: string): (position: number) => boolean {
  const positions = new Set<number>();
  store.passages.forEach((p, i) => p.source === source && positions.add(i));
  return (position) => positions.has(position);
}

export function indexFacts(store: LoadedStore): Answer['index'] {
  const m = store.manifest;
  return { version: m.version, builtAt: m.builtAt, passages: m.counts.passages, model: m.model.id };
}
