// Text unrelated to any corpus, for measuring how similar unrelated things are under an embedding model:
// WordNet's definitions ("a course of action that is unproductive...") and head words, sampled evenly over its
// nouns, verbs and adjectives, the same every time.
import { readFileSync } from 'node:fs';
import { wordnetDir } from './synonyms.ts';

export interface BackgroundSample {
  /** Short definitions: stand-ins for questions about nothing in particular. */
  glosses: string[];
  /** One word per sampled sense. */
  words: string[];
}

let sample: BackgroundSample | undefined;

export function backgroundSample(size = 200): BackgroundSample {
  if (sample && sample.glosses.length === size) return sample;
  const glosses: string[] = [];
  const words: string[] = [];
  const files = ['data.noun', 'data.verb', 'data.adj'];
  for (const [i, file] of files.entries()) {
    const lines = readFileSync(`${wordnetDir()}/${file}`, 'latin1').split('\n').filter((l) => /^\d/.test(l));
    const want = Math.floor(size / files.length) + (i < size % files.length ? 1 : 0);
    const step = lines.length / want;
    for (let k = 0; k < want; k++) {
      const line = lines[Math.floor(k * step + step / 2)]!;
      const gloss = line.slice(line.indexOf('| ') + 2).split(/;\s*"/)[0]!.replace(/\([^)]*\)/g, '').trim();
      const word = line.split(' ')[4]!.replace(/\(\w+\)$/, '').replace(/_/g, ' ');
      glosses.push(gloss);
      words.push(word);
    }
  }
  sample = { glosses, words };
  return sample;
}
