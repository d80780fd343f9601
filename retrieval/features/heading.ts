// Whether the unit's section headings and document title name what the question asks about.
import type { Feature } from './types.ts';

export const heading: Feature = {
  description: "share of the question's idf weight found in the unit's section path and document title",
  value: (c, q) => q.matcher.coverage(c.headings),
};
