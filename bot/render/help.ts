import type { APIEmbed } from 'discord.js';
import { COLOR_ANSWER } from './answer.ts';
import type { MessagePayload } from './limits.ts';

const LINES = [
  'citebot answers only from the indexed documents, quoting them word for word with where each quote stands. When they don\'t say, it says so.',
  '',
  '**/ask** `question` — the sentences that answer, each with its document, paragraph and lines. `document:` searches one document only; `private:` shows the answer only to you.',
  'Under an answer: **More sources** pages through the quotes, **Start a thread** opens a thread on it, 👍/👎 tells us whether it helped (one vote each; change it any time), and the menu shows the paragraph around a quote, only to you.',
  '**/quote** `document` `line` or `match` — posts one passage verbatim: the one holding that line, or the one matching those words.',
  '**/sources** — the indexed documents, a page at a time.',
  '**Find in documents** (right-click a message → Apps) — searches the documents for that message; only you see the answer.',
  '**/reindex** — moderators: re-read the documents folder (`full:` rebuilds everything).',
  '**/documents** `add` `remove` `list` — moderators: add a document from a file or a link (after a private preview), remove one (kept aside for a while), list those added from Discord.',
  '**/help** — this message.',
];

/** /help: what each command does (shown only to the one who asked). */
export function renderHelp(): MessagePayload {
  const embed: APIEmbed = { title: 'citebot', description: LINES.join('\n'), color: COLOR_ANSWER };
  return { content: '', embeds: [embed], components: [], allowedMentions: { parse: [] } };
}
