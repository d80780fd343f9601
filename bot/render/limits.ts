import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';

/** Discord's limits on what a bot may send (lengths in UTF-16 units, which is never less than Discord counts). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message as the renderers produce it: mentions are always off. */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
  allowedMentions: { parse: [] };
}

export interface Choice {
  name: string;
  value: string;
}

/** Everything in `payload` that breaks one of Discord's limits; empty when it may be sent. */
export function payloadProblems(payload: MessagePayload): string[] {
  const problems: string[] = [];
  const over = (what: string, value: string | undefined, max: number): number => {
    const length = value?.length ?? 0;
    if (length > max) problems.push(`${what} is ${length} long (max ${max})`);
    return length;
  };
  over('content', payload.content, LIMITS.content);
  if (payload.allowedMentions.parse.length !== 0) problems.push('allowedMentions.parse is not empty');
  const embeds = payload.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((embed, e) => {
    total += over(`embed ${e} title`, embed.title, LIMITS.embedTitle);
    total += over(`embed ${e} description`, embed.description, LIMITS.embedDescription);
    total += over(`embed ${e} footer`, embed.footer?.text, LIMITS.footer);
    total += over(`embed ${e} author`, embed.author?.name, LIMITS.authorName);
    const fields = embed.fields ?? [];
    if (fields.length > LIMITS.embedFields) problems.push(`embed ${e} has ${fields.length} fields`);
    fields.forEach((field, f) => {
      if (!field.name || !field.value) problems.push(`embed ${e} field ${f} is empty`);
      total += over(`embed ${e} field ${f} name`, field.name, LIMITS.fieldName);
      total += over(`embed ${e} field ${f} value`, field.value, LIMITS.fieldValue);
    });
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds total ${total} (max ${LIMITS.embedTotal})`);
  const rows = payload.components ?? [];
  if (rows.length > LIMITS.actionRows) problems.push(`${rows.length} action rows`);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    const count = row.components.length;
    if (count < 1 || count > LIMITS.buttonsPerRow) problems.push(`row ${r} has ${count} buttons`);
    row.components.forEach((button, b) => {
      over(`row ${r} button ${b} label`, button.label, LIMITS.buttonLabel);
      const id = button.custom_id;
      if (id.length < 1 || id.length > LIMITS.customId) problems.push(`custom_id "${id}" length ${id.length}`);
      if (ids.has(id)) problems.push(`custom_id "${id}" repeated`);
      ids.add(id);
    });
  });
  const hasSomething = (payload.content ?? '').length > 0 || embeds.length > 0 || rows.length > 0;
  if (!hasSomething) problems.push('message is empty');
  return problems;
}

/** Problems with autocomplete choices. */
export function choiceProblems(choices: readonly Choice[]): string[] {
  const problems: string[] = [];
  if (choices.length > LIMITS.choices) problems.push(`${choices.length} choices`);
  for (const choice of choices) {
    if (choice.name.length < 1 || choice.name.length > LIMITS.choiceName) problems.push(`choice name "${choice.name}"`);
    if (choice.value.length < 1 || choice.value.length > LIMITS.choiceValue) problems.push(`choice value "${choice.value}"`);
  }
  return problems;
}
