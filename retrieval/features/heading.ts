// Whether the unit's section headings and document title name what the question asks about.
import { terms } from '../../language/terms.ts';
import type { Feature } from './types.ts';

export const heading: Feature = {
  description: "share of the question's idf weight found in the unit's section path and document title",
  value(c, q) {
    const named = new Set([...terms(c.passage.section.join(' ')), ...(q.titleTerms.get(c.passage.source) ?? [])]);
    let got = 0;
    for (const t of q.query.terms) if (named.has(t.term)) got += t.weight;
    return q.matcher.total > 0 ? got / q.matcher.total : 0;
  },
};
