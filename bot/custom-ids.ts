/**
 * custom_ids of the buttons under an answer. They carry all a press needs: the action, a page or citation number,
 * and the key of the answer in the in-memory cache of recent answers. Anything else is refused as forged.
 */
export type AskButton =
  | { action: 'more'; page: number; key: string }
  | { action: 'ctx'; index: number; key: string }
  | { action: 'thread'; page: number; key: string }
  | { action: 'fb'; vote: 'up' | 'down'; key: string };

export const ASK_PREFIX = 'ask';
/** Answer keys: 10 lowercase base-36 characters. */
export const ANSWER_KEY = /^[0-9a-z]{10}$/u;
const MAX_NUMBER = 99;

export function askButtonId(button: AskButton): string {
  switch (button.action) {
    case 'more':
    case 'thread':
      return `${ASK_PREFIX}:${button.action}:${button.page}:${button.key}`;
    case 'ctx':
      return `${ASK_PREFIX}:ctx:${button.index}:${button.key}`;
    case 'fb':
      return `${ASK_PREFIX}:fb:${button.vote}:${button.key}`;
  }
}

const PATTERN = /^ask:(more|thread|ctx|fb):(\d{1,2}|up|down):([0-9a-z]{10})$/u;

/** The button a custom_id stands for, or undefined when it is malformed (or forged). */
export function parseAskButton(customId: string): AskButton | undefined {
  const match = PATTERN.exec(customId);
  if (!match) return undefined;
  const [, action, arg = '', key = ''] = match;
  const number = /^\d+$/u.test(arg) ? Number(arg) : undefined;
  if (action === 'fb') return arg === 'up' || arg === 'down' ? { action, vote: arg, key } : undefined;
  if (number === undefined || number > MAX_NUMBER || String(number) !== arg) return undefined;
  if (action === 'ctx') return { action, index: number, key };
  if (action === 'more' || action === 'thread') return { action, page: number, key };
  return undefined;
}
