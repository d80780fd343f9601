// Citations of a document fetched from a web page link to that page: the engine, with each citation and context
// excerpt given its document's url from the record of added documents.
import type { Engine } from '../../retrieval/engine-types.ts';

export function withDocumentUrls(engine: Engine, urlFor: (source: string) => string | undefined): Engine {
  const linked = <T extends { source: string }>(item: T): T => {
    const url = urlFor(item.source);
    return url ? { ...item, url } : item;
  };
  return {
    answer: async (question, options) => {
      const answer = await engine.answer(question, options);
      return { ...answer, citations: answer.citations.map(linked) };
    },
    findInDocument: async (source, query) => {
      const found = await engine.findInDocument(source, query);
      return found && linked(found);
    },
    context: (passageId, paragraph) => {
      const excerpt = engine.context(passageId, paragraph);
      return excerpt && linked(excerpt);
    },
    documents: () => engine.documents(),
    info: () => engine.info(),
    reloadIfChanged: () => engine.reloadIfChanged(),
    close: () => engine.close(),
  };
}
