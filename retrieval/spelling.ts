// Typos in questions ("terorism", "adicted"): a word no document has and no dictionary knows is read as the
// corpus word one edit away (a letter added, dropped, changed, or two swapped), the most common if several are.
// Words are compared as typed and as stems, so "adicted" finds "addiction" through "addict".

/** Words (and stems) shorter than this are left alone: one edit turns too many short words into others. */
const MIN_LENGTH = 5;

export class SpellIndex {
  private readonly byWord = new Map<string, number[]>();
  private readonly byStem = new Map<string, number[]>();

  /** `words[id]` and `stems[id]`: the vocabulary's usual word and stem for each id. */
  constructor(
    private readonly words: readonly string[],
    private readonly stems: readonly string[],
    private readonly frequency: (id: number) => number,
  ) {
    words.forEach((word, id) => add(this.byWord, word, id));
    stems.forEach((stem, id) => add(this.byStem, stem, id));
  }

  /** The vocabulary id that `word` (lowercase, with its stem) is most likely a typo of, or undefined. */
  correct(word: string, stem: string): number | undefined {
    if (word.length < MIN_LENGTH) return undefined;
    let best: number | undefined;
    const consider = (index: Map<string, number[]>, typed: string, of: readonly string[]) => {
      if (!usable(typed)) return;
      for (const length of [typed.length - 1, typed.length, typed.length + 1]) {
        for (const id of index.get(`${typed[0]}${length}`) ?? []) {
          if (oneEditApart(typed, of[id]!) && (best === undefined || this.frequency(id) > this.frequency(best))) best = id;
        }
      }
    };
    consider(this.byWord, word, this.words);
    consider(this.byStem, stem, this.stems);
    return best;
  }
}

function usable(text: string): boolean {
  return text.length >= MIN_LENGTH - 1 && !/\p{N}/u.test(text);
}

function add(index: Map<string, number[]>, text: string, id: number): void {
  if (!usable(text)) return;
  const key = `${text[0]}${text.length}`;
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}

/** Whether two different words are one insertion, deletion, substitution or swap of neighbours apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
