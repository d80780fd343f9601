import { describe, expect, it } from 'vitest';
import { askedType, holdsType } from '../../language/english/answer-type.ts';

describe('the kind of answer a question asks for', () => {
  it('reads it from the question words', () => {
    expect(askedType('How many troops are in the force?')).toBe('number');
    expect(askedType('how long did the summit last?')).toBe('duration');
    expect(askedType('why do they think the NPT matters')).toBe('reason');
    expect(askedType('what did they say about space')).toBeUndefined();
  });

  it('finds a length of time, not just any number', () => {
    const q = 'how long did the summit last?';
    for (const text of ['The talks lasted two hours.', 'after several long days of talks', 'a two-day summit', 'overnight talks'])
      expect(holdsType('duration', text, q), text).toBe(true);
    for (const text of ['The meeting was held on Thursday.', 'Article 5 applies.']) expect(holdsType('duration', text, q), text).toBe(false);
  });

  it('finds a reason, not "since" as a time', () => {
    const q = 'why do they support it?';
    for (const text of ['since it is an essential factor', 'because it keeps the peace', 'in order to raise the effectiveness'])
      expect(holdsType('reason', text, q), text).toBe(true);
    for (const text of ['since 2002 they have met yearly', 'since then nothing changed', 'since the war ended', 'since taking office', 'thus far', 'they support it'])
      expect(holdsType('reason', text, q), text).toBe(false);
  });
});
