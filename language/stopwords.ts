// Stop words for words outside the Latin script, by script: Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai,
// Hangul and Chinese/Japanese, from stopwords-iso (MIT, 58 languages). Latin-script words take the English chain
// (english/words.ts) instead, so the two never disagree on a word.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ISO = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;

const BY_SCRIPT: Array<[RegExp, string[]]> = [
  [/\p{Script=Cyrillic}/u, ['ru', 'uk', 'bg']],
  [/\p{Script=Greek}/u, ['el']],
  [/\p{Script=Arabic}/u, ['ar', 'fa', 'ur']],
  [/\p{Script=Hebrew}/u, ['he']],
  [/\p{Script=Devanagari}/u, ['hi', 'mr']],
  [/\p{Script=Thai}/u, ['th']],
  [/\p{Script=Hangul}/u, ['ko']],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, ['ja', 'zh']],
];

const lists = BY_SCRIPT.map(([script, languages]): [RegExp, Set<string>] => [script, new Set(languages.flatMap((l) => ISO[l] ?? []))]);

/** Whether a lowercase word of a non-Latin script is a stop word of that script's languages. */
export function isOtherScriptStopword(word: string): boolean {
  for (const [script, words] of lists) if (script.test(word)) return words.has(word);
  return false;
}
