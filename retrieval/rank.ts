// Ranks candidate quotes for a question: every sentence of the candidate passages, scored by how much of the
// question it answers (idf-weighted, similar words in part), how close its words are to the question's, the
// passage's similarity to the question, whether its document is the one the question names, and whether it
// holds the kind of answer asked for.
import { terms } from '../language/terms.ts';
import type { Passage } from '../store/format.ts';
import type { Evidence } from './abstain.ts';
import { acronymAsked, expansionIn } from './acronym.ts';
import { askedType, holdsType } from '../language/english/answer-type.ts';
import { findCandidates } from './candidates.ts';
import type { Candidate } from './hybrid-search.ts';
import type { LoadedStore } from '../store/read.ts';
import { analyseQuestion, type EmbedQuery } from './query.ts';
import { fitQuote, MAX_QUOTE_CHARS, sentenceQuotes, type QuoteSpan } from './quote.ts';
import type { Synonyms } from '../language/english/synonyms.ts';
import { maxInto, TermMatcher } from './term-match.ts';
import { describingWords, type TitleIndex } from './title-match.ts';

/** Score weights, fitted on both eval sets (see README); coverage counts 1. */
export const RANKING = { core: 0.5, similarity: 0.3, cosine: 0.5, title: 0.5, type: 0.4 };
/** Hybrid search settings: passages per search and the weights of its two rankings. */
export const SEARCH = { k: 20, vectorWeight: 1, keywordWeight: 1 };
/** A name no document has is taken as naming a document the question names when its title gives it this much. */
const NAME_GIVEN = 0.25;
/** How many long sentences at most are cut to their best clauses per question. */
const FITTED = 40;

/** A loaded store with what ranking needs beside it, computed once per load. */
export interface SearchContext {
  store: LoadedStore;
  titles: TitleIndex;
  bySource: Map<string, number[]>;
  /** Lexicon ids of each document's title and path words. */
  titleIds: Map<string, Uint32Array>;
  synonyms?: Synonyms;
}

export interface Ranked {
  passage: Passage;
  quote: QuoteSpan;
  score: number;
}

export interface Ranking {
  /** Best first; quotes may overlap (selectCitations drops the overlaps). */
  ranked: Ranked[];
  evidence: Evidence;
  /** Documents the question names. */
  named: Set<string>;
  /** Share of the question a quote answers (what `evidence.focus` is for the best one). */
  focusOf(r: Ranked): number;
  /** See Query.unmentioned. */
  unmentioned: string[];
}

export async function rankQuotes(context: SearchContext, embed: EmbedQuery, question: string, source?: string): Promise<Ranking> {
  const { store } = context;
  const query = await analyseQuestion(store, embed, question, context.synonyms);
  const termList = query.terms.map((t) => t.term);
  const named = source === undefined ? context.titles.match(termList) : undefined;
  const namedSources = [...(named?.scores.keys() ?? [])];
  const candidates = findCandidates(store, context.bySource, query.vector, termList, { source, named: namedSources }, SEARCH);
  const matcher = new TermMatcher(query.terms, store.lexicon);
  const asked = askedType(question);

  // Question words a document answers by being that document: its title's, and for a named document the words
  // describing it ("his 1962 State of the Union").
  const describing = named
    ? describingWords(question, (token) => terms(token).some((t) => named.inTitle(t)))
    : new Set<string>();
  const givenBySource = new Map<string, Float32Array>();
  const given = (source: string) => {
    let credits = givenBySource.get(source);
    if (!credits) {
      credits = matcher.matchTitle(context.titleIds.get(source) ?? []);
      if (named?.scores.has(source)) query.terms.forEach((t, i) => describing.has(t.term) && (credits![i] = 1));
      givenBySource.set(source, credits);
    }
    return credits;
  };
  const namedGiven = new Float32Array(query.terms.length);
  for (const s of namedSources) maxInto(namedGiven, given(s));
  matcher.focusOn(namedGiven);

  const score = (passage: Passage, quote: QuoteSpan, candidate: Candidate): Ranked => {
    const typed = asked && holdsType(asked, quoteText(passage, quote), question) ? 1 : 0;
    const value =
      quote.coverage +
      RANKING.core * quote.core +
      RANKING.similarity * quote.similarity +
      RANKING.cosine * (candidate.cosine ?? 0) +
      RANKING.title * (named?.scores.get(passage.source) ?? 0) +
      RANKING.type * typed;
    return { passage, quote, score: value };
  };

  // Every sentence of every candidate passage is a candidate quote; overlapping passages share sentences.
  const quotes = new Map<string, Ranked & { candidate: Candidate }>();
  for (const c of candidates) {
    const passage = store.passages[c.position]!;
    const matches = passage.sentences.map((_, k) => matcher.match(store.lexicon.sentence(c.position, k), store.lexicon.sentenceNorm(c.position, k)));
    sentenceQuotes(passage, matches, given(passage.source), matcher).forEach((quote, k) => {
      const key = `${passage.source}\u0000${passage.sentences[k]![0]}`;
      const ranked = { ...score(passage, quote, c), candidate: c };
      if ((quotes.get(key)?.score ?? -Infinity) < ranked.score) quotes.set(key, ranked);
    });
  }
  const ranked = [...quotes.values()].filter((r) => !named?.scoped || named.scores.has(r.passage.source));
  const order = () => ranked.sort((a, b) => b.score - a.score || a.passage.id - b.passage.id || a.quote.charStart - b.quote.charStart);
  // Cutting a long sentence to its best clauses costs more, so only quotes that may be shown are cut.
  for (let fitted = 0; fitted < FITTED; fitted++) {
    order();
    const i = ranked.findIndex((r) => r.quote.charEnd - r.quote.charStart > MAX_QUOTE_CHARS);
    if (i === -1 || i >= FITTED) break;
    const r = ranked[i]!;
    ranked[i] = { ...score(r.passage, fitQuote(r.passage, r.quote, given(r.passage.source), matcher), r.candidate), candidate: r.candidate };
  }
  order();
  const spelledOut = expansionQuote(store, question, matcher, source !== undefined ? new Set([source]) : named?.scoped ? new Set(namedSources) : undefined);
  if (spelledOut) ranked.unshift({ ...spelledOut, score: (ranked[0]?.score ?? 0) + 1 });

  const best = ranked[0];
  const evidence: Evidence = {
    termCount: query.terms.length,
    focus: best ? matcher.focusCoverage(best.quote.credits, given(best.passage.source)) : 0,
    lacksAskedType: !!best && (asked === 'number' || asked === 'duration' || asked === 'person') && !holdsType(asked, quoteText(best.passage, best.quote), question),
    unknownName: query.terms.some((t, i) => t.exactOnly && !t.leading && !store.lexicon.ids.has(t.term) && namedGiven[i]! < NAME_GIVEN),
  };
  const focusOf = (r: Ranked) => matcher.focusCoverage(r.quote.credits, given(r.passage.source));
  const unmentioned = query.unmentioned.filter((word) => !terms(word).some((t) => context.titles.has(t)));
  return { ranked, evidence, named: new Set(namedSources), focusOf, unmentioned };
}

export function quoteText(passage: Passage, quote: { charStart: number; charEnd: number }): string {
  return passage.text.slice(quote.charStart - passage.charStart, quote.charEnd - passage.charStart);
}

/** Where a document spells out an acronym the question asks about ("what does CSTO stand for"): it goes first. */
function expansionQuote(store: LoadedStore, question: string, matcher: TermMatcher, sources?: Set<string>): Omit<Ranked, 'score'> & { candidate: Candidate } | undefined {
  const acronym = acronymAsked(question);
  const [term] = acronym ? terms(acronym) : [];
  if (!acronym || term === undefined) return undefined;
  // Bounded: a common word asked about is looked for in its first passages only.
  for (const position of store.keyword.passagesWith(term).slice(0, 2000)) {
    const passage = store.passages[position]!;
    if (sources && !sources.has(passage.source)) continue;
    const found = expansionIn(passage.text, acronym);
    if (!found) continue;
    const credits = new Float32Array(matcher.size).fill(1);
    const quote = { charStart: passage.charStart + found.start, charEnd: passage.charStart + found.end, credits, coverage: 1, core: 1, similarity: 1 };
    return { passage, quote, candidate: { position, score: 0 } };
  }
  return undefined;
}
