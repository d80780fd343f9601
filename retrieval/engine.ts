// The engine the CLI and the bot share: the live index, the model that embeds questions, and answer().
import type { EngineSettings } from '../config/settings.ts';
import { loadEmbedder, type Embedder } from '../embedding/embedder.ts';
import { loadSynonyms, type Synonyms } from '../language/english/synonyms.ts';
import { readCurrentVersion } from '../store/files.ts';
import { NoIndexError, StoreError } from '../store/read.ts';
import { answerFromIndex, indexFacts } from './answer.ts';
import type { DocumentInfo, Engine, Excerpt } from './engine-types.ts';
import { loadIndex, type LoadedIndex } from './loaded-index.ts';
import { validateQuestion } from './question.ts';
import type { Citation } from './types.ts';

export interface OpenEngineOptions extends EngineSettings {
  /** Builds the index from the seeds when there is none; without it, a missing index is an error. */
  build?: () => Promise<unknown>;
  log?: (message: string) => void;
}

interface Loaded {
  index: LoadedIndex;
  embedder: Embedder;
  synonyms: Synonyms;
}

export async function openEngine(options: OpenEngineOptions): Promise<Engine> {
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  let state = await load(options, log, undefined);

  const embedQuery = async (text: string) => (await state.embedder.embed([text]))[0] ?? null;

  return {
    answer: (question, answerOptions) => answerFromIndex(state.index, embedQuery, question, answerOptions),
    documents: () => documentsOf(state.index),
    context: (passageId, paragraph) => blockOf(state.index, passageId, paragraph),
    async findInDocument(source, query) {
      const { index } = state;
      const positions = index.bySource.get(source);
      if (!positions) return undefined;
      if (query.match !== undefined) {
        const match = validateQuestion(query.match);
        return findText(index, positions, match) ?? (await answerFromIndex(index, embedQuery, match, { source, limit: 1 })).citations[0];
      }
      const line = query.line ?? 1;
      const position = positions.find((p) => index.passages[p]!.lineEnd >= line) ?? positions[positions.length - 1]!;
      const passage = index.passages[position]!;
      const unit = passage.units.find((u) => lineOf(passage, u.end - 1) >= line) ?? passage.units[passage.units.length - 1]!;
      const block = blockOf(index, position, unit.block);
      return block && excerptCitation(position, block);
    },
    info: () => ({ ...indexFacts(state.index), documents: Object.keys(state.index.manifest.files).length }),
    async reloadIfChanged() {
      const version = readCurrentVersion(options.indexDir);
      if (!version || version === state.index.manifest.version) return false;
      state = await load(options, log, state);
      log(`loaded index ${version}`);
      return true;
    },
    close: () => state.embedder.close(),
  };
}

async function load(options: OpenEngineOptions, log: (m: string) => void, previous: Loaded | undefined): Promise<Loaded> {
  const synonyms = previous?.synonyms ?? loadSynonyms(options.modelsDir, (m) => log(`warning: ${m}`));
  let index: LoadedIndex;
  try {
    index = loadIndex(options.indexDir, synonyms);
  } catch (error) {
    if (!(error instanceof NoIndexError) || !options.build) throw error;
    log(`no index yet: building it from ${options.seedsDir}`);
    await options.build();
    index = loadIndex(options.indexDir, synonyms);
  }
  const modelId = index.manifest.model.id;
  if (options.model && options.model !== modelId) {
    throw new StoreError(
      `the index was built with the model ${modelId} but EMBEDDING_MODEL is ${options.model}; reindex with \`npm run index -- --full\``,
    );
  }
  let embedder = previous?.embedder;
  if (!embedder || embedder.id !== modelId) {
    await embedder?.close();
    embedder = await loadEmbedder({ model: modelId, cacheDir: options.modelsDir, fallback: false, warn: log });
  }
  if (embedder.dimension !== index.manifest.model.dimension) {
    throw new StoreError(`the index's vectors do not fit the model ${modelId}; reindex with \`npm run index -- --full\``);
  }
  return { index, embedder, synonyms };
}

function documentsOf(index: LoadedIndex): DocumentInfo[] {
  return Object.entries(index.manifest.files)
    .map(([source, f]) => ({ source, title: f.title, passages: f.passages }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** A whole block (paragraph, list item, code block, row) of the passage's document: by default its first. */
function blockOf(index: LoadedIndex, passageId: number, block?: number): Excerpt | undefined {
  const passage = index.passages[passageId];
  if (!passage) return undefined;
  const wanted = block ?? passage.units[0]!.block;
  const parts = (index.bySource.get(passage.source) ?? [])
    .map((p) => index.passages[p]!)
    .filter((p) => p.units.some((u) => u.block === wanted))
    .sort((a, b) => a.charStart - b.charStart);
  if (parts.length === 0) return undefined;
  let text = '';
  let display = '';
  let start = -1;
  let end = -1;
  for (const p of parts) {
    for (const u of p.units) {
      if (u.block !== wanted || u.start < end) continue;
      if (start === -1) start = u.start;
      else {
        // Units of one block follow each other; what stands between two is only the whitespace between them.
        const gap = p.text.slice(end - p.charStart, u.start - p.charStart);
        text += end >= p.charStart ? gap : ' ';
        display += ' ';
      }
      text += p.text.slice(u.start - p.charStart, u.end - p.charStart);
      display += p.display.slice(u.displayStart, u.displayEnd);
      end = u.end;
    }
  }
  const first = parts[0]!;
  const lineStart = lineOf(first, start);
  return {
    source: passage.source,
    title: passage.title,
    ...(first.section.length > 0 && { section: first.section.join(' › ') }),
    text,
    display,
    location: { charStart: start, charEnd: end, lineStart, lineEnd: lineStart + (text.match(/\n/g)?.length ?? 0), paragraph: wanted },
  };
}

function lineOf(passage: { text: string; charStart: number; lineStart: number }, offset: number): number {
  return passage.lineStart + (passage.text.slice(0, Math.max(0, offset - passage.charStart)).match(/\n/g)?.length ?? 0);
}

/** The unit of the document whose display text holds `match` (case-insensitive), as a citation. */
function findText(index: LoadedIndex, positions: number[], match: string): Citation | undefined {
  const needle = match.toLowerCase();
  for (const position of positions) {
    const passage = index.passages[position]!;
    const at = passage.display.toLowerCase().indexOf(needle);
    if (at === -1) continue;
    const unit = passage.units.find((u) => u.displayEnd > at) ?? passage.units[0]!;
    const block = blockOf(index, position, unit.block);
    if (block) return excerptCitation(position, block);
  }
  return undefined;
}

function excerptCitation(passageId: number, e: Excerpt): Citation {
  return {
    passageId,
    source: e.source,
    title: e.title,
    ...(e.section !== undefined && { section: e.section }),
    quote: e.text,
    display: e.display,
    kind: 'prose',
    location: e.location,
    score: 1,
    confidence: 1,
  };
}
