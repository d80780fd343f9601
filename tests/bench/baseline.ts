// The common recipe citebot is measured against: every file cut into 1,000-character chunks overlapping by 200,
// ranked by BM25 (k1 1.2, b 0.75, the same analyser as citebot) or by the model's cosine. A chunk is "right" when
// it holds at least half of the expected quote; it never declines.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Embedder } from '../../embedding/embedder.ts';
import { terms } from '../../language/terms.ts';
import type { EvalCase } from '../../retrieval/evaluate.ts';

const SIZE = 1000;
const OVERLAP = 200;

interface Chunk {
  source: string;
  start: number;
  end: number;
  terms: Map<string, number>;
  length: number;
}

export interface BaselineFigures {
  at1: number;
  at5: number;
  documentAt1: number;
  documentAt5: number;
  answers: number;
  declines: number;
  quoteLength: number;
}

export class ChunkBaseline {
  private readonly chunks: Chunk[] = [];
  private readonly df = new Map<string, number>();
  private readonly average: number;
  private vectors: Float32Array[] = [];

  constructor(seedsDir: string) {
    for (const entry of readdirSync(seedsDir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.(txt|md)$/.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      const source = relative(seedsDir, path).split(sep).join('/');
      const text = readFileSync(path, 'utf8');
      for (let start = 0; start < text.length; start += SIZE - OVERLAP) {
        const end = Math.min(text.length, start + SIZE);
        const counts = new Map<string, number>();
        const words = terms(text.slice(start, end));
        for (const t of words) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const t of counts.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
        this.chunks.push({ source, start, end, terms: counts, length: words.length });
        if (end === text.length) break;
      }
    }
    this.average = this.chunks.reduce((a, c) => a + c.length, 0) / Math.max(this.chunks.length, 1);
  }

  get size(): number {
    return this.chunks.length;
  }

  async embed(embedder: Embedder, read: (source: string) => string): Promise<void> {
    const texts = this.chunks.map((c) => read(c.source).slice(c.start, c.end));
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 256) {
      for (const v of await embedder.embed(texts.slice(i, i + 256))) out.push(v ?? new Float32Array(embedder.dimension));
    }
    this.vectors = out;
  }

  bm25(question: string): Chunk[] {
    const n = this.chunks.length;
    const q = [...new Set(terms(question))];
    const scored = this.chunks.map((c) => {
      let score = 0;
      for (const t of q) {
        const tf = c.terms.get(t);
        if (!tf) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * c.length) / this.average));
      }
      return { c, score };
    });
    return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score).slice(0, 5).map((s) => s.c);
  }

  vector(question: Float32Array): Chunk[] {
    return this.vectors
      .map((v, i) => ({ c: this.chunks[i]!, score: v.reduce((a, x, d) => a + x * question[d]!, 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5)
      .map((s) => s.c);
  }
}

/** Figures of a ranking function over the question set, as citebot's are measured (a chunk is a whole quote). */
export async function baselineFigures(cases: EvalCase[], rank: (question: string) => Promise<Chunk[]> | Chunk[], read: (source: string) => string): Promise<BaselineFigures> {
  let at1 = 0, at5 = 0, d1 = 0, d5 = 0, answerable = 0, answered = 0, declined = 0, lengths = 0, shown = 0;
  for (const c of cases) {
    const top = await rank(c.question);
    if (top.length > 0) {
      shown++;
      lengths += top[0]!.end - top[0]!.start;
    }
    if (!c.expect) {
      if (top.length === 0) declined++;
      continue;
    }
    answerable++;
    if (top.length > 0) answered++;
    const at = read(c.expect.source!).indexOf(c.expect.quote);
    const hit = (k: Chunk) => k.source === c.expect!.source && Math.min(at + c.expect!.quote.length, k.end) - Math.max(at, k.start) >= 0.5 * c.expect!.quote.length;
    const position = top.findIndex(hit);
    if (position === 0) at1++;
    if (position >= 0) at5++;
    const doc = top.findIndex((k) => k.source === c.expect!.source);
    if (doc === 0) d1++;
    if (doc >= 0) d5++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    at1: ratio(at1, answerable),
    at5: ratio(at5, answerable),
    documentAt1: ratio(d1, answerable),
    documentAt5: ratio(d5, answerable),
    answers: ratio(answered, answerable),
    declines: ratio(declined, cases.length - answerable),
    quoteLength: shown ? lengths / shown : 0,
  };
}
