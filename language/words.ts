// Words in any script. Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
// Myanmar) are segmented by ICU's dictionaries (Intl.Segmenter); elsewhere a word is a run of letters and digits
// (with inner apostrophes), which is what ICU's rules give there too, at a twentieth of the cost.
export interface Word {
  /** Lowercased, NFKC-normalised. */
  word: string;
  /** Offset in the text. */
  at: number;
}

const RUN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    if (UNSPACED.test(run)) {
      for (const s of segmenter.segment(run)) if (s.isWordLike) out.push({ word: normal(s.segment), at: m.index + s.index });
      continue;
    }
    out.push({ word: normal(run), at: m.index });
    if (run.length > 3 && CAMEL.test(run)) {
      // "setArchived": the identifier and its parts
      let at = m.index;
      for (const part of run.split(CAMEL)) {
        if (part.length > 1) out.push({ word: normal(part), at });
        at += part.length;
      }
    }
  }
  return out;
}

function normal(word: string): string {
  const lower = word.toLowerCase();
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKC');
}
