// BM25F over three fields of a passage: its document's title, its section path and its body. Each field's
// term frequency is length-normalised and weighted, the weighted sum saturates once per term (Robertson,
// Zaragoza & Taylor 2004), so a word in the title and the body is not counted as two independent matches.
import type { Passage } from '../store/format.ts';
import type { KeywordIndexData } from '../store/keyword-format.ts';

export interface FieldParams {
  weight: number;
  /** Length normalisation, 0..1. */
  b: number;
}

export interface Bm25fParams {
  k1: number;
  title: FieldParams;
  section: FieldParams;
  body: FieldParams;
}

interface Field {
  /** term -> [ids..., tfs...] over passages (body, section) or documents (title). */
  postings: Record<string, number[]>;
  lengths: ArrayLike<number>;
  average: number;
}

export class Bm25f {
  readonly count: number;
  private readonly body: Field;
  private readonly section: Field;
  private readonly title: Field;
  /** Passage positions of each document (title field ids). */
  private readonly passagesOf: number[][];
  private readonly scores: Float64Array;
  private readonly pseudo: Float64Array;

  constructor(keyword: KeywordIndexData, passages: Passage[], titleTerms: (source: string) => string[]) {
    this.count = passages.length;
    this.body = field(keyword.postings, keyword.lengths);
    this.section = field(keyword.sectionPostings, keyword.sectionLengths);
    const documents = new Map<string, number>();
    this.passagesOf = [];
    passages.forEach((p, position) => {
      let doc = documents.get(p.source);
      if (doc === undefined) {
        documents.set(p.source, (doc = documents.size));
        this.passagesOf.push([]);
      }
      this.passagesOf[doc]!.push(position);
    });
    const titlePostings: Record<string, number[]> = Object.create(null);
    const titleLengths: number[] = [];
    for (const [source, doc] of documents) {
      const terms = titleTerms(source);
      titleLengths[doc] = terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) (titlePostings[t] ??= []).push(doc, n);
    }
    // [doc, tf, doc, tf...] -> [docs..., tfs...]
    for (const t of Object.keys(titlePostings)) {
      const pairs = titlePostings[t]!;
      titlePostings[t] = [...pairs.filter((_, i) => i % 2 === 0), ...pairs.filter((_, i) => i % 2 === 1)];
    }
    this.title = field(titlePostings, titleLengths);
    this.scores = new Float64Array(this.count);
    this.pseudo = new Float64Array(this.count);
  }

  /** Passages whose body holds the term. */
  df(term: string): number {
    return (this.body.postings[term]?.length ?? 0) / 2;
  }

  /** Inverse document frequency over passages; a word no passage has gets the highest value. */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  /** Passages whose body holds the term, in position order. */
  passagesWith(term: string): number[] {
    const list = this.body.postings[term];
    return list ? list.slice(0, list.length / 2) : [];
  }

  /** BM25F of every passage matching a question term, as [position, score] pairs, unordered. */
  scoreAll(terms: string[], params: Bm25fParams): Array<{ position: number; score: number }> {
    const { scores, pseudo } = this;
    const touched: number[] = [];
    for (const term of new Set(terms)) {
      const seen: number[] = [];
      const add = (position: number, value: number) => {
        if (pseudo[position] === 0) seen.push(position);
        pseudo[position] = pseudo[position]! + value;
      };
      eachPosting(this.body, term, params.body, (p, v) => add(p, v));
      eachPosting(this.section, term, params.section, (p, v) => add(p, v));
      eachPosting(this.title, term, params.title, (doc, v) => {
        for (const p of this.passagesOf[doc]!) add(p, v);
      });
      // idf from passage bodies, but never below a title- or section-only term's floor
      const idf = Math.max(this.idf(term), 0.1);
      for (const p of seen) {
        const tf = pseudo[p]!;
        if (scores[p] === 0) touched.push(p);
        scores[p] = scores[p]! + (idf * tf) / (params.k1 + tf);
        pseudo[p] = 0;
      }
    }
    const out = touched.map((position) => ({ position, score: scores[position]! }));
    for (const p of touched) scores[p] = 0;
    return out;
  }
}

function field(postings: Record<string, number[]>, lengths: ArrayLike<number>): Field {
  let sum = 0;
  for (let i = 0; i < lengths.length; i++) sum += lengths[i]!;
  return { postings, lengths, average: Math.max(sum / Math.max(lengths.length, 1), 1) };
}

function eachPosting(f: Field, term: string, params: FieldParams, visit: (id: number, value: number) => void): void {
  const list = f.postings[term];
  if (!list || params.weight === 0) return;
  const half = list.length / 2;
  for (let i = 0; i < half; i++) {
    const id = list[i]!;
    const norm = 1 - params.b + (params.b * f.lengths[id]!) / f.average;
    visit(id, (params.weight * list[half + i]!) / norm);
  }
}
