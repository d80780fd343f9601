// The engine the CLI and the bot share: the live index, the model that embeds questions, and answer().
import { readCurrentVersion } from '../store/files.ts';
import { loadEmbedder, type Embedder } from '../embedding/embedder.ts';
import type { EngineSettings } from '../config/settings.ts';
import { answerFromStore, citation, indexFacts, searchContext, type SearchContext } from './answer.ts';
import type { DocumentInfo, Engine, Excerpt } from './engine-types.ts';
import { loadStore, NoIndexError, StoreError, type LoadedStore } from '../store/read.ts';
import { validateQuestion } from './question.ts';
import { loadSynonyms } from '../language/english/synonyms.ts';
import type { Citation } from './types.ts';

export interface OpenEngineOptions extends EngineSettings {
  /** Builds the index from the seeds when there is none; without it, a missing index is an error. */
  build?: () => Promise<unknown>;
  log?: (message: string) => void;
}

interface Loaded extends SearchContext {
  embedder: Embedder;
}

export async function openEngine(options: OpenEngineOptions): Promise<Engine> {
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  let state = await load(options, log, undefined);

  const embedQuery = async (text: string) => (await state.embedder.embed([text]))[0] ?? null;

  return {
    answer: (question, answerOptions) => answerFromStore(state, embedQuery, question, answerOptions),
    documents: () => documentsOf(state.store),
    context: (passageId) => paragraphOf(state.store, passageId),
    async findInDocument(source, query) {
      const { store } = state;
      const passages = store.passages.filter((p) => p.source === source);
      if (passages.length === 0) return undefined;
      if (query.match !== undefined) return findMatch(state, source, validateQuestion(query.match), embedQuery);
      const line = query.line ?? 1;
      const passage = passages.find((p) => p.lineStart <= line && line <= p.lineEnd) ?? passages.find((p) => p.lineStart >= line);
      return passage && citation(passage, passage.charStart, passage.charEnd, 1);
    },
    info: () => ({ ...indexFacts(state.store), documents: Object.keys(state.store.manifest.files).length }),
    async reloadIfChanged() {
      const version = readCurrentVersion(options.indexDir);
      if (!version || version === state.store.manifest.version) return false;
      state = await load(options, log, state);
      log(`loaded index ${version}`);
      return true;
    },
    close: () => state.embedder.close(),
  };
}

async function load(options: OpenEngineOptions, log: (m: string) => void, previous: Loaded | undefined): Promise<Loaded> {
  let store: LoadedStore;
  try {
    store = loadStore(options.indexDir);
  } catch (error) {
    if (!(error instanceof NoIndexError) || !options.build) throw error;
    log(`no index yet: building it from ${options.seedsDir}`);
    await options.build();
    store = loadStore(options.indexDir);
  }
  const modelId = store.manifest.model.id;
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
  if (embedder.dimension !== store.manifest.model.dimension) {
    throw new StoreError(`the index's vectors do not fit the model ${modelId}; reindex with \`npm run index -- --full\``);
  }
  const synonyms = previous?.synonyms ?? loadSynonyms(options.modelsDir, (m) => log(`warning: ${m}`));
  return { ...searchContext(store, synonyms), embedder };
}

function documentsOf(store: LoadedStore): DocumentInfo[] {
  return Object.entries(store.manifest.files)
    .map(([source, f]) => ({ source, title: f.title, passages: f.passages }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

function paragraphOf(store: LoadedStore, passageId: number): Excerpt | undefined {
  const passage = store.passages[passageId];
  if (!passage) return undefined;
  const parts = store.passages
    .filter((p) => p.source === passage.source && p.paragraph === passage.paragraph)
    .sort((a, b) => a.charStart - b.charStart);
  let text = '';
  let end = parts[0]!.charStart;
  for (const p of parts) {
    if (p.charEnd <= end) continue;
    // Passages overlap by a sentence; a gap between two is only the whitespace between words.
    text += p.charStart > end ? ' ' + p.text : p.text.slice(end - p.charStart);
    end = p.charEnd;
  }
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  return {
    source: passage.source,
    title: passage.title,
    ...(passage.section !== undefined && { section: passage.section }),
    text,
    location: { charStart: first.charStart, charEnd: end, lineStart: first.lineStart, lineEnd: last.lineEnd, paragraph: passage.paragraph },
  };
}

async function findMatch(
  context: SearchContext,
  source: string,
  match: string,
  embed: (text: string) => Promise<Float32Array | null>,
): Promise<Citation | undefined> {
  const needle = match.toLowerCase();
  for (const p of context.store.passages) {
    if (p.source !== source) continue;
    const at = p.text.toLowerCase().indexOf(needle);
    if (at === -1) continue;
    const start = p.charStart + at;
    const end = start + match.length;
    const sentences = p.sentences.filter(([s, e]) => s < end && start < e);
    return citation(p, sentences[0]?.[0] ?? start, sentences[sentences.length - 1]?.[1] ?? end, 1);
  }
  const answer = await answerFromStore(context, embed, match, { source, limit: 1 });
  return answer.citations[0];
}
