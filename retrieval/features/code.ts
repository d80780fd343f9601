// Whether the unit is a code block: a prior the tuner sets from how often code is the answer people want.
import type { Feature } from './types.ts';

export const code: Feature = {
  description: 'the unit is a code block',
  value: (c) => (c.passage.units[c.unit]!.kind === 'code' ? 1 : 0),
};
