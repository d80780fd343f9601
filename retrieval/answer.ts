// answer(): question in, verbatim located quotes out (or an honest "not in the documents").
import { ABSTAIN, decideAnswered } from './abstain.ts';
import type { LoadedStore } from '../store/read.ts';
import type { EmbedQuery } from './query.ts';
import { validateQuestion } from './question.ts';
import { rankQuotes, type Ranked, type SearchContext } from './rank.ts';
import type { Synonyms } from '../language/english/synonyms.ts';
import { TitleIndex, titleTerms } from './title-match.ts';
import type { Answer, AnswerOptions, Citation } from './types.ts';

export type { EmbedQuery, SearchContext };

export function searchContext(store: LoadedStore, synonyms?: Synonyms): SearchContext {
  const documents = Object.entries(store.manifest.files).map(([source, f]) => ({ source, title: f.title }));
  const bySource = new Map<string, number[]>();
  store.passages.forEach((p, i) => {
    const list = bySource.get(p.source);
    if (list) list.push(i);
    else bySource.set(p.source, [i]);
  });
  const titleIds = new Map(
    documents.map(({ source, title }) => {
      const ids = titleTerms(title, source).map((t) => store.lexicon.ids.get(t));
      return [source, Uint32Array.from(ids.filter((id) => id !== undefined))];
    }),
  );
  return { store, titles: new TitleIndex(documents), bySource, titleIds, ...(synonyms && { synonyms }) };
}

export async function answerFromStore(
  context: SearchContext,
  embed: EmbedQuery,
  rawQuestion: string,
  options: AnswerOptions = {},
): Promise<Answer> {
  const question = validateQuestion(rawQuestion);
  const limit = options.limit ?? 5;
  const perDocument = options.source ? limit : (options.perDocument ?? 3);
  const { ranked, evidence, named, focusOf, unmentioned } = await rankQuotes(context, embed, question, options.source);
  // Every quote shown must answer enough of the question on its own, not only the best one.
  const answering = ranked.filter((r, i) => i === 0 || focusOf(r) >= ABSTAIN.focus);
  // Without an explicit cap, a document the question names may fill every slot.
  const citations = selectCitations(answering, limit, perDocument, options.perDocument === undefined ? named : undefined);
  const answered = citations.length > 0 && decideAnswered(evidence);
  if (answered) return { answered, citations, index: indexFacts(context.store) };
  return { answered, citations: [], ...(unmentioned.length > 0 && { unmentioned: unmentioned.slice(0, 5) }), index: indexFacts(context.store) };
}

/** The best quotes, none overlapping another, at most `perDocument` from one document unless the question names it. */
export function selectCitations(ranked: Ranked[], limit: number, perDocument: number, named = new Set<string>()): Citation[] {
  const citations: Citation[] = [];
  const perSource = new Map<string, number>();
  for (const { passage, quote, score } of ranked) {
    if (citations.length >= limit) break;
    const used = perSource.get(passage.source) ?? 0;
    if (used >= perDocument && !named.has(passage.source)) continue;
    if (citations.some((c) => c.source === passage.source && c.location.charStart < quote.charEnd && quote.charStart < c.location.charEnd)) continue;
    perSource.set(passage.source, used + 1);
    citations.push(citation(passage, quote.charStart, quote.charEnd, score));
  }
  return citations;
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

export function indexFacts(store: LoadedStore): Answer['index'] {
  const m = store.manifest;
  return { version: m.version, builtAt: m.builtAt, passages: m.counts.passages, model: m.model.id };
}
