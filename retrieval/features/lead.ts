// Whether the unit opens its paragraph or list item, where documents tend to say what the rest explains.
import type { Feature } from './types.ts';

export const lead: Feature = {
  description: 'the unit opens its paragraph, list item, code block or row',
  value(c, q) {
    const u = c.passage.units[c.unit]!;
    // The unit before it: in this passage, or for a passage's first unit the last of the passage before.
    const previousPassage = q.passages[c.position - 1];
    const before = c.unit > 0 ? c.passage.units[c.unit - 1] : previousPassage?.source === c.passage.source ? previousPassage.units.findLast((x) => x.start < u.start) : undefined;
    return before?.block === u.block ? 0 : 1;
  },
};
