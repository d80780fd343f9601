/**
 * custom_ids of the components under an answer (its buttons and its "Show context" menu). They carry all a press
 * needs: the action, a page number, and the key of the answer in the in-memory cache of recent answers. Anything
 * else is refused as forged.
 */
export type AskComponent =
  | { action: 'more'; page: number; key: string }
  | { action: 'ctx'; page: number; key: string }
  | { action: 'thread'; page: number; key: string }
  | { action: 'fb'; vote: 'up' | 'down'; key: string };

export const ASK_PREFIX = 'ask';
/** Answer keys: 10 lowercase base-36 characters. */
export const ANSWER_KEY = /^[0-9a-z]{10}$/u;
const MAX_NUMBER = 99;

export function askCustomId(component: AskComponent): string {
  if (component.action === 'fb') return `${ASK_PREFIX}:fb:${component.vote}:${component.key}`;
  return `${ASK_PREFIX}:${component.action}:${component.page}:${component.key}`;
}

const PATTERN = /^ask:(more|thread|ctx|fb):(\d{1,2}|up|down):([0-9a-z]{10})$/u;

/** The component a custom_id stands for, or undefined when it is malformed (or forged). */
export function parseAskCustomId(customId: string): AskComponent | undefined {
  const match = PATTERN.exec(customId);
  if (!match) return undefined;
  const [, action, arg = '', key = ''] = match;
  if (action === 'fb') return arg === 'up' || arg === 'down' ? { action, vote: arg, key } : undefined;
  const number = /^\d+$/u.test(arg) ? Number(arg) : undefined;
  if (number === undefined || number > MAX_NUMBER || String(number) !== arg) return undefined;
  if (action === 'more' || action === 'thread' || action === 'ctx') return { action, page: number, key };
  return undefined;
}

/** The citation a "Show context" menu option stands for: its index in the answer (a menu value), or undefined. */
export function parseCitationIndex(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,2}$/u.test(value) || String(Number(value)) !== value) return undefined;
  return Number(value);
}

export const SOURCES_PREFIX = 'sources';

export function sourcesCustomId(page: number): string {
  return `${SOURCES_PREFIX}:page:${page}`;
}

/** The page a /sources button asks for, or undefined. */
export function parseSourcesCustomId(customId: string): number | undefined {
  const match = /^sources:page:(\d{1,4})$/u.exec(customId);
  return match && String(Number(match[1])) === match[1] ? Number(match[1]) : undefined;
}

export const DOCUMENTS_PREFIX = 'docs';

/** /documents components: Confirm, Replace or Cancel of a pending preview (its key), or a page of the list. */
export type DocumentsComponent = { action: 'confirm' | 'replace' | 'cancel'; key: string } | { action: 'page'; page: number };

export function documentsCustomId(component: DocumentsComponent): string {
  return component.action === 'page' ? `${DOCUMENTS_PREFIX}:page:${component.page}` : `${DOCUMENTS_PREFIX}:${component.action}:${component.key}`;
}

/** The component a /documents custom_id stands for, or undefined when it is malformed (or forged). */
export function parseDocumentsCustomId(customId: string): DocumentsComponent | undefined {
  const pending = /^docs:(confirm|replace|cancel):([0-9a-z]{10})$/u.exec(customId);
  if (pending) return { action: pending[1] as 'confirm' | 'replace' | 'cancel', key: pending[2]! };
  const page = /^docs:page:(\d{1,4})$/u.exec(customId);
  return page && String(Number(page[1])) === page[1] ? { action: 'page', page: Number(page[1]) } : undefined;
}
