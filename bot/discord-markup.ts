/**
 * Discord markup that is not words: mentions of users, roles and channels, @everyone/@here, custom emoji, dynamic
 * timestamps, slash-command mentions and server-guide links. In a question it would be searched for as words
 * ("No document mentions pepe or 123456789012345678").
 */
const MARKUP = [
  /<@[!&]?\d+>/gu,
  /<#\d+>/gu,
  /<a?:\w+:\d+>/gu,
  /<t:-?\d+(?::[tTdDfFR])?>/gu,
  /<\/[-\w ]+:\d+>/gu,
  /<id:\w+>/gu,
  /(?<![\p{L}\p{N}_])@(?:everyone|here)(?![\p{L}\p{N}_])/gu,
];

/** `text` with Discord markup removed and the spaces it leaves collapsed. */
export function withoutDiscordMarkup(text: string): string {
  let plain = text;
  for (const pattern of MARKUP) plain = plain.replace(pattern, ' ');
  return plain === text ? text : plain.replace(/[ \t]{2,}/gu, ' ').trim();
}
