import type { BotCommand } from '../types.ts';
import { ask } from './ask.ts';
import { documents } from './documents.ts';
import { findInDocuments } from './find-in-documents.ts';
import { help } from './help.ts';
import { quote } from './quote.ts';
import { reindex } from './reindex.ts';
import { sources } from './sources.ts';

/** Every command the bot has. Adding one = a new file in this folder + an entry here. */
export const commands: readonly BotCommand[] = [ask, quote, sources, help, reindex, documents, findInDocuments];
