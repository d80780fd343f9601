import { MessageFlags } from 'discord.js';
import type { FormProblem } from './errors.ts';
import { arrayOrEmpty, isJsonObject, objectOrEmpty, type JsonObject } from './json.ts';

/** Discord's documented limits; a body that breaks one gets 400 Invalid Form Body from the fake. */

type Problems = FormProblem[];

function tooLong(problems: Problems, path: string, value: unknown, max: number, min = 0): number {
  if (value === undefined || value === null) return 0;
  const length = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : 0;
  if (length > max || length < min) {
    const message =
      min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`;
    problems.push({ path, code: min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH', message });
  }
  return typeof value === 'string' ? [...value].length : 0;
}

function required(problems: Problems, path: string, value: unknown): void {
  if (value === undefined || value === null || value === '') {
    problems.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  }
}

function checkEmbed(problems: Problems, path: string, embed: JsonObject): number {
  let size = tooLong(problems, `${path}.title`, embed['title'], 256);
  size += tooLong(problems, `${path}.description`, embed['description'], 4096);
  size += tooLong(problems, `${path}.footer.text`, objectOrEmpty(embed['footer'])['text'], 2048);
  size += tooLong(problems, `${path}.author.name`, objectOrEmpty(embed['author'])['name'], 256);
  tooLong(problems, `${path}.fields`, embed['fields'], 25);
  arrayOrEmpty(embed['fields']).forEach((raw, index) => {
    const field = objectOrEmpty(raw);
    required(problems, `${path}.fields.${index}.name`, field['name']);
    required(problems, `${path}.fields.${index}.value`, field['value']);
    size += tooLong(problems, `${path}.fields.${index}.name`, field['name'], 256);
    size += tooLong(problems, `${path}.fields.${index}.value`, field['value'], 1024);
  });
  return size;
}

function checkComponents(problems: Problems, components: unknown[]): void {
  tooLong(problems, 'components', components, 5);
  const seen = new Set<string>();
  components.forEach((rawRow, rowIndex) => {
    const children = arrayOrEmpty(objectOrEmpty(rawRow)['components']);
    tooLong(problems, `components.${rowIndex}.components`, children, 5, 1);
    children.forEach((rawChild, index) => {
      const child = objectOrEmpty(rawChild);
      const path = `components.${rowIndex}.components.${index}`;
      if (child['type'] === 3) checkSelect(problems, path, child, children.length);
      else tooLong(problems, `${path}.label`, child['label'], 80);
      const customId = child['custom_id'];
      if (child['style'] === 5 || child['style'] === 6) return; // link and premium buttons carry no custom_id
      required(problems, `${path}.custom_id`, customId);
      tooLong(problems, `${path}.custom_id`, customId, 100, 1);
      if (typeof customId === 'string' && seen.has(customId)) {
        problems.push({
          path: `${path}.custom_id`,
          code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
          message: 'Component custom id cannot be duplicated',
        });
      }
      if (typeof customId === 'string') seen.add(customId);
    });
  });
}

/** A string select menu: alone in its row, 1-25 options, texts up to 100, placeholder up to 150. */
function checkSelect(problems: Problems, path: string, select: JsonObject, rowSize: number): void {
  if (rowSize !== 1) {
    problems.push({ path, code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
  }
  tooLong(problems, `${path}.placeholder`, select['placeholder'], 150);
  const options = arrayOrEmpty(select['options']);
  tooLong(problems, `${path}.options`, options, 25, 1);
  const values = new Set<unknown>();
  options.forEach((raw, index) => {
    const option = objectOrEmpty(raw);
    required(problems, `${path}.options.${index}.label`, option['label']);
    required(problems, `${path}.options.${index}.value`, option['value']);
    tooLong(problems, `${path}.options.${index}.label`, option['label'], 100);
    tooLong(problems, `${path}.options.${index}.value`, option['value'], 100);
    tooLong(problems, `${path}.options.${index}.description`, option['description'], 100);
    if (values.has(option['value'])) {
      problems.push({ path: `${path}.options.${index}.value`, code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', message: 'Option value duplicated' });
    }
    values.add(option['value']);
  });
}

/** Problems with a message body (create or edit): content, embeds, components. */
export function messageProblems(body: JsonObject): Problems {
  const problems: Problems = [];
  tooLong(problems, 'content', body['content'], 2000);
  const embeds = arrayOrEmpty(body['embeds']);
  tooLong(problems, 'embeds', embeds, 10);
  const sizes = embeds.map((embed, index) => checkEmbed(problems, `embeds.${index}`, objectOrEmpty(embed)));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > 6000) {
    const message = 'Embed size exceeds maximum size of 6000';
    problems.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message });
  }
  const componentsV2 = typeof body['flags'] === 'number' && (body['flags'] & MessageFlags.IsComponentsV2) !== 0;
  if (!componentsV2) checkComponents(problems, arrayOrEmpty(body['components']));
  return problems;
}

/** True when a new message would have nothing in it (Discord answers 50006). */
export function isEmptyMessage(body: JsonObject, fileCount: number): boolean {
  const content = body['content'];
  return (
    (typeof content !== 'string' || content.length === 0) &&
    arrayOrEmpty(body['embeds']).length === 0 &&
    arrayOrEmpty(body['components']).length === 0 &&
    arrayOrEmpty(body['sticker_ids']).length === 0 &&
    body['poll'] === undefined &&
    fileCount === 0
  );
}

/** Problems with an autocomplete answer: at most 25 choices, names and values 1-100 chars. */
export function choiceProblems(choices: unknown): Problems {
  const problems: Problems = [];
  tooLong(problems, 'data.choices', choices, 25);
  arrayOrEmpty(choices).forEach((raw, index) => {
    const choice = objectOrEmpty(raw);
    tooLong(problems, `data.choices.${index}.name`, choice['name'], 100, 1);
    if (typeof choice['value'] === 'string') tooLong(problems, `data.choices.${index}.value`, choice['value'], 100);
  });
  return problems;
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkNameAndDescription(problems: Problems, path: string, item: JsonObject, chatInput: boolean): void {
  const name = item['name'];
  required(problems, `${path}.name`, name);
  tooLong(problems, `${path}.name`, name, 32, 1);
  if (chatInput && typeof name === 'string' && (!COMMAND_NAME.test(name) || name !== name.toLowerCase())) {
    const message = 'Command name is invalid';
    problems.push({ path: `${path}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message });
  }
  if (chatInput) tooLong(problems, `${path}.description`, item['description'], 100, 1);
}

/** Problems with a full command list (PUT .../commands). */
export function commandProblems(commands: unknown): Problems {
  const problems: Problems = [];
  if (!Array.isArray(commands)) return [{ path: '_', code: 'ARRAY_TYPE_CONVERT', message: 'Must be an array.' }];
  tooLong(problems, '_', commands, 100);
  const names = new Set<string>();
  commands.forEach((raw, index) => {
    const command = objectOrEmpty(raw);
    const chatInput = command['type'] === undefined || command['type'] === 1;
    checkNameAndDescription(problems, String(index), command, chatInput);
    const key = `${String(command['type'] ?? 1)}:${String(command['name'])}`;
    if (names.has(key)) {
      const message = 'Application command names must be unique';
      problems.push({ path: `${index}.name`, code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message });
    }
    names.add(key);
    const options = arrayOrEmpty(command['options']);
    tooLong(problems, `${index}.options`, options, 25);
    options.filter(isJsonObject).forEach((option, optionIndex) => {
      checkNameAndDescription(problems, `${index}.options.${optionIndex}`, option, true);
      tooLong(problems, `${index}.options.${optionIndex}.choices`, option['choices'], 25);
    });
  });
  return problems;
}

/** Channel and thread names: 1-100 characters. */
export function threadNameProblems(name: unknown): Problems {
  const problems: Problems = [];
  required(problems, 'name', name);
  tooLong(problems, 'name', name, 100, 1);
  return problems;
}
