import {
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord.js';

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
  selectOptions: 25,
  optionText: 100,
  placeholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;
/** A select menu fills its row alone. */
export type SelectRow = APIActionRowComponent<APIStringSelectComponent>;
export type ComponentRow = ButtonRow | SelectRow;

/** A message as the renderers produce it: mentions are always off. */
export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: ComponentRow[];
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
    if (count < 1 || count > LIMITS.buttonsPerRow) problems.push(`row ${r} has ${count} components`);
    row.components.forEach((component, c) => {
      if (component.type === ComponentType.StringSelect) {
        if (count !== 1) problems.push(`row ${r}: a select menu must be alone in its row`);
        selectProblems(component, `row ${r} select`, over, problems);
      } else {
        over(`row ${r} button ${c} label`, component.label, LIMITS.buttonLabel);
      }
      const id = component.custom_id;
      if (id.length < 1 || id.length > LIMITS.customId) problems.push(`custom_id "${id}" length ${id.length}`);
      if (ids.has(id)) problems.push(`custom_id "${id}" repeated`);
      ids.add(id);
    });
  });
  const hasSomething = (payload.content ?? '').length > 0 || embeds.length > 0 || rows.length > 0;
  if (!hasSomething) problems.push('message is empty');
  return problems;
}

function selectProblems(
  select: APIStringSelectComponent,
  where: string,
  over: (what: string, value: string | undefined, max: number) => number,
  problems: string[],
): void {
  over(`${where} placeholder`, select.placeholder, LIMITS.placeholder);
  const { options } = select;
  if (options.length < 1 || options.length > LIMITS.selectOptions) problems.push(`${where} has ${options.length} options`);
  const values = new Set<string>();
  options.forEach((option, o) => {
    if (option.label.length < 1) problems.push(`${where} option ${o} has no label`);
    if (option.value.length < 1) problems.push(`${where} option ${o} has no value`);
    over(`${where} option ${o} label`, option.label, LIMITS.optionText);
    over(`${where} option ${o} value`, option.value, LIMITS.optionText);
    over(`${where} option ${o} description`, option.description, LIMITS.optionText);
    if (values.has(option.value)) problems.push(`${where} option value "${option.value}" repeated`);
    values.add(option.value);
  });
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
