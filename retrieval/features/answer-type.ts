// Whether the unit holds the kind of answer the question asks for: a number for "how many", a time for "when".
import { holdsType } from '../../language/english/answer-type.ts';
import type { Feature } from './types.ts';

export const answerType: Feature = {
  description: 'the unit holds the kind of answer asked for ("how many": a number, "when": a time...)',
  value: (c, q) => {
    if (!q.query.asked) return 0;
    const u = c.passage.units[c.unit]!;
    return holdsType(q.query.asked, c.passage.display.slice(u.displayStart, u.displayEnd), q.query.text) ? 1 : 0;
  },
};
