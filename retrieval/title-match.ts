// Which documents a question names ("Lincoln's 1862 address", "the CSTO declaration"), from document titles and paths.
import { terms } from '../language/terms.ts';

export interface NamedDocuments {
  /** source -> share of the best title match (0..1], only for documents the question names. */
  scores: Map<string, number>;
  /** Whether a named document's title holds the term. */
  inTitle(term: string): boolean;
  /**
   * The question names its documents by two or more words ("Lincoln's 1862 address"), so only they can answer
   * it; one shared word ("Lincoln") only favours them.
   */
  scoped: boolean;
}

const CLOSE_TO_BEST = 0.8;
const MAX_NAMED = 3;

export class TitleIndex {
  private readonly titles = new Map<string, Set<string>>();
  private readonly df = new Map<string, number>();

  constructor(documents: Array<{ source: string; title: string }>) {
    for (const { source, title } of documents) {
      const set = new Set(titleTerms(title, source));
      this.titles.set(source, set);
      for (const t of set) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  /** Whether some document's title or path has the term ("sotu" for "sotu/1790-George-Washington.txt"). */
  has(term: string): boolean {
    return this.df.has(term);
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.titles.size - df + 0.5) / (df + 0.5));
  }

  match(queryTerms: string[]): NamedDocuments {
    const unique = new Set(queryTerms);
    const raw = new Map<string, { score: number; words: number }>();
    for (const [source, title] of this.titles) {
      let score = 0;
      let words = 0;
      for (const t of unique) if (title.has(t)) (score += this.idf(t)), words++;
      if (score > 0) raw.set(source, { score, words });
    }
    const best = Math.max(0, ...[...raw.values()].map((m) => m.score));
    const close = [...raw].filter(([, m]) => m.score >= CLOSE_TO_BEST * best).sort((a, b) => b[1].score - a[1].score);
    const named = close.slice(0, MAX_NAMED);
    return {
      scores: new Map(named.map(([source, m]) => [source, m.score / best])),
      inTitle: (term) => named.some(([source]) => this.titles.get(source)!.has(term)),
      // "George Washington" names eight addresses, not one of them: only a question that picks out a few
      // documents by two words of each title is confined to them.
      scoped: close.length <= MAX_NAMED && named.length > 0 && named.every(([, m]) => m.words >= 2),
    };
  }
}

/**
 * A document's title and path words, plus each two adjacent words written as one, so "1898-William-Mc-Kinley"
 * is named by "McKinley".
 */
export function titleTerms(title: string, source: string): string[] {
  const words = `${title} ${source.replace(/\.[^.]+$/, '')}`.match(/[\p{L}\p{N}]+/gu) ?? [];
  const joined = words.slice(1).map((w, i) => words[i]! + w);
  return terms([...words, ...joined].join(' '));
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

/** Words that say which of someone's documents is meant ("his last annual message", "the 1962 State of the Union"). */
const DOCUMENT_WORDS = new Set(
  terms('address speech remarks message annual state union report statement declaration letter session inaugural first second third fourth fifth sixth seventh eighth last final'),
);

/**
 * Words right after a number that names a document ("his 1962 State of the Union", "the 1790 annual address")
 * or before "of" it ("his last annual message of 1796") describe the document, not what is asked about it.
 * At most three words a side, lowercase or one capitalised phrase (so "1901 message recount McKinley's" stops
 * before the name); none when they would leave the question nothing but names. Only words naming a kind of
 * document count (DOCUMENT_WORDS), so "Bush 2006 addicted to oil" and "his 2010 health care remarks" keep
 * "addicted" and "health care" as what they ask about.
 */
export function describingWords(question: string, inTitle: (term: string) => boolean): Set<string> {
  const tokens = [...question.matchAll(TOKEN)].map((m) => m[0]);
  const capital = (token: string) => /^\p{Lu}/u.test(token);
  const out = new Set<string>();
  tokens.forEach((token, i) => {
    if (!/^\p{N}+$/u.test(token) || !inTitle(token)) return;
    const run: string[] = [];
    let previousCapital = false;
    for (let j = i + 1; j < tokens.length && run.length < 3; j++) {
      const lower = tokens[j]!.toLowerCase();
      if (lower === 'of' || (lower === 'the' && tokens[j - 1]!.toLowerCase() === 'of')) continue;
      const [term] = terms(tokens[j]!);
      if (term === undefined || !DOCUMENT_WORDS.has(term) || (capital(tokens[j]!) && run.length > 0 && !previousCapital)) break;
      previousCapital = capital(tokens[j]!) && (run.length === 0 || previousCapital);
      run.push(term);
    }
    if (tokens[i - 1]?.toLowerCase() === 'of') {
      for (let j = i - 2; j >= 0 && run.length < 6 && !capital(tokens[j]!); j--) {
        const [term] = terms(tokens[j]!);
        if (term === undefined || !DOCUMENT_WORDS.has(term)) break;
        run.push(term);
      }
    }
    for (const term of run) out.add(term);
  });
  const left = [...question.matchAll(TOKEN)].filter((m) => !capital(m[0]) && terms(m[0]).some((t) => !out.has(t) && !inTitle(t)));
  return left.length > 0 ? out : new Set();
}
