// Checks for the robustness and stress suites: is the live index whole, true to its seeds, and from one build only?
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCurrentVersion, sha256 } from '../../store/files.ts';
import { STORE_FILES } from '../../store/format.ts';
import { LineIndex } from '../../language/lines.ts';
import { readStore, type StoreData } from '../../store/read.ts';
import { citableTexts } from '../../store/texts.ts';

export interface IndexCheck {
  store: StoreData;
  /** The seeds folder the index was built from (one of the candidates). */
  seedsDir: string;
  files: number;
  passages: number;
  /** Passages without a vector (the model knew none of their words): found by keyword only. */
  vectorless: number;
}

/**
 * Loads the live index and throws unless: its checksums verify; it was built from exactly one of the candidate
 * seed folders (its files and their hashes are that folder's, not a mix); every passage slices its exact text
 * out of its citable text (the file, or the text the index kept of a PDF, Word file or web page), at the right
 * line; counts agree; and no vector holds a NaN.
 */
export function checkIndex(indexDir: string, candidates: string[]): IndexCheck {
  const store = readStore(indexDir);
  const { manifest, passages } = store;
  const dir = join(indexDir, readCurrentVersion(indexDir)!);
  for (const name of Object.values(STORE_FILES)) {
    if (name === STORE_FILES.manifest || name === STORE_FILES.texts) continue; // kept texts: checked as they are read
    if (sha256(readFileSync(join(dir, name))) !== manifest.checksums[name]) throw new Error(`${name} does not match its checksum`);
  }
  const sources = Object.keys(manifest.files).sort();
  const seedsDir = candidates.find((seeds) =>
    sources.every((source) => {
      try {
        return sha256(readFileSync(join(seeds, source))) === manifest.files[source]!.hash;
      } catch {
        return false;
      }
    }),
  );
  if (!seedsDir) throw new Error(`the index ${manifest.version} matches none of the seed folders: a mix of builds?`);
  if (manifest.counts.files !== sources.length || manifest.counts.passages !== passages.length) throw new Error('counts disagree');
  const perSource = new Map<string, number>();
  const citable = citableTexts(indexDir, seedsDir);
  const texts = new Map<string, { text: string; lines: LineIndex }>();
  passages.forEach((p, i) => {
    if (p.id !== i) throw new Error(`passage ${i} has id ${p.id}`);
    const entry = manifest.files[p.source];
    if (!entry) throw new Error(`passage ${i} is from ${p.source}, which the manifest does not list`);
    perSource.set(p.source, (perSource.get(p.source) ?? 0) + 1);
    let file = texts.get(p.source);
    if (file === undefined) {
      const text = citable(p.source);
      texts.set(p.source, (file = { text, lines: new LineIndex(text) }));
    }
    if (file.text.slice(p.charStart, p.charEnd) !== p.text) throw new Error(`passage ${i} does not slice ${p.source} at ${p.charStart}-${p.charEnd}`);
    if (file.lines.lineOf(p.charStart) !== p.lineStart || file.lines.lineOf(p.charEnd - 1) !== p.lineEnd) {
      throw new Error(`passage ${i} has the wrong lines`);
    }
    // Its units (what quotes are made of) lie inside it, in order, in the source and in the display text.
    let previousStart = p.charStart;
    for (const u of p.units) {
      if (u.start < previousStart || u.end > p.charEnd || u.start >= u.end) throw new Error(`passage ${i} has a unit outside it`);
      if (u.displayStart < 0 || u.displayEnd > p.display.length || u.displayStart >= u.displayEnd) throw new Error(`passage ${i} has a unit outside its display text`);
      previousStart = u.start;
    }
  });
  for (const source of sources) {
    if ((perSource.get(source) ?? 0) !== manifest.files[source]!.passages) throw new Error(`${source}: passage count disagrees`);
  }
  if (!store.vectors.every((x) => Number.isFinite(x))) throw new Error('a vector holds NaN or Infinity');
  const dim = manifest.model.dimension;
  let vectorless = 0;
  for (let i = 0; i < passages.length; i++) if (store.vectors.subarray(i * dim, (i + 1) * dim).every((x) => x === 0)) vectorless++;
  if (store.hnsw.size !== passages.length - vectorless) throw new Error('the HNSW graph does not hold every vector');
  return { store, seedsDir, files: sources.length, passages: passages.length, vectorless };
}

/** Version folders and other leftovers in the index folder, besides CURRENT and the live version. */
export function leftovers(indexDir: string): string[] {
  const live = readCurrentVersion(indexDir);
  return readdirSync(indexDir).filter((n) => n !== 'CURRENT' && n !== live);
}

/** Prints a small markdown table (the stress suites' figures). */
export function printTable(title: string, header: string[], rows: Array<Array<string | number>>): void {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  console.log([`\n### ${title}\n`, line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
}
