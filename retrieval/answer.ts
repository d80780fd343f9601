// answer(): question in, verbatim located quotes out (or an honest "not in the documents").
import { ANSWERS, confidence } from './abstain.ts';
import { FEATURE_NAMES } from './features/index.ts';
import type { LoadedIndex } from './loaded-index.ts';
import { validateQuestion } from './question.ts';
import { quoteFor, type Quote } from './quote.ts';
import { rankUnits, type RankedUnit, type Ranking } from './rank.ts';
import type { EmbedQuery } from './query.ts';
import type { Answer, AnswerOptions, Citation, Explanation, OtherPlace } from './types.ts';
import { WEIGHTS, type Weights } from './weights.ts';

/** How many ranked units at most are turned into quotes while looking for the citations. */
const LOOK_AT = 60;
const SIMILARITY = FEATURE_NAMES.indexOf('passageSimilarity');

export async function answerFromIndex(
  index: LoadedIndex,
  embed: EmbedQuery,
  rawQuestion: string,
  options: AnswerOptions = {},
  weights: Weights = WEIGHTS,
): Promise<Answer> {
  const question = validateQuestion(rawQuestion);
  const ranking = await rankUnits(index, embed, question, weights, options.source);
  return answerFromRanking(index, ranking, options, weights);
}

export function answerFromRanking(index: LoadedIndex, ranking: Ranking, options: AnswerOptions, weights: Weights): Answer {
  const limit = options.limit ?? 5;
  const perDocument = options.source ? limit : (options.perDocument ?? 3);
  const facts = indexFacts(index);
  const citations: Citation[] = [];
  const perSource = new Map<string, number>();
  const seen = new Map<string, Citation>();
  for (const r of ranking.units.slice(0, LOOK_AT)) {
    if (citations.length >= limit) break;
    const quote = quoteFor(r, ranking.context.matcher, index.lexicon);
    const { matcher } = ranking.context;
    const sure = confidence(
      { coverage: matcher.coverage(quote.credits), rareCoverage: matcher.rareCoverage(quote.credits), passageSimilarity: r.features[SIMILARITY]!, missing: ranking.query.missing - ranking.query.missingNames, missingNames: ranking.query.missingNames },
      weights.abstain,
    );
    // The best quote decides whether there is an answer; every other one shown must answer on its own too.
    if (sure < ANSWERS) {
      if (citations.length === 0) break;
      continue;
    }
    const c = citationOf(r, quote, sure);
    if (citations.some((x) => x.source === c.source && x.location.charStart < c.location.charEnd && c.location.charStart < x.location.charEnd)) continue;
    // The same words in several documents are one citation that says where else they stand.
    const key = c.display.toLowerCase().replace(/\s+/g, ' ').trim();
    const same = seen.get(key);
    if (same) {
      if (same.source !== c.source) (same.alsoIn ??= []).push(otherPlace(c));
      continue;
    }
    const used = perSource.get(c.source) ?? 0;
    if (used >= perDocument) continue;
    perSource.set(c.source, used + 1);
    if (options.explain) c.explain = explanation(r, sure, weights);
    seen.set(key, c);
    citations.push(c);
  }
  if (citations.length > 0) return { answered: true, citations, index: facts };
  const { unmentioned } = ranking.query;
  return { answered: false, citations: [], ...(unmentioned.length > 0 && { unmentioned }), index: facts };
}

function citationOf(r: RankedUnit, quote: Quote, sure: number): Citation {
  const { passage } = r;
  const text = passage.text.slice(quote.start - passage.charStart, quote.end - passage.charStart);
  const before = passage.text.slice(0, quote.start - passage.charStart);
  const lineStart = passage.lineStart + countLines(before);
  const unit = passage.units[r.unit]!;
  return {
    passageId: passage.id,
    source: passage.source,
    title: passage.title,
    ...(passage.section.length > 0 && { section: passage.section.join(' › ') }),
    quote: text,
    display: passage.display.slice(quote.displayStart, quote.displayEnd),
    kind: quote.kind,
    ...(quote.language !== undefined && { language: quote.language }),
    ...(quote.clipped && { clipped: quote.clipped }),
    location: {
      charStart: quote.start,
      charEnd: quote.end,
      lineStart,
      lineEnd: lineStart + countLines(text),
      paragraph: unit.block,
      ...(unit.page !== undefined && { page: unit.page }),
    },
    score: r.score,
    confidence: sure,
  };
}

function otherPlace(c: Citation): OtherPlace {
  return { source: c.source, title: c.title, ...(c.section !== undefined && { section: c.section }), location: c.location };
}

function explanation(r: RankedUnit, sure: number, weights: Weights): Explanation {
  return {
    features: FEATURE_NAMES.map((name, i) => {
      const value = r.features[i]!;
      const weight = weights.features[name];
      return { name, value, weight, contribution: value * weight };
    }),
    score: r.score,
    confidence: sure,
  };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function indexFacts(index: LoadedIndex): Answer['index'] {
  const m = index.manifest;
  return { version: m.version, builtAt: m.builtAt, passages: m.counts.passages, model: m.model.id };
}
