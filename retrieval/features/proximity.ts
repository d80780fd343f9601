// How close together the question's words stand in the unit: several of them in a short window is a phrase
// answered, not words scattered over a long sentence.
import type { Feature } from './types.ts';

export const proximity: Feature = {
  description: 'distinct question words found, over the shortest window of words holding them',
  value(c, q) {
    const terms = q.lexicon.unit(c.position, c.unit);
    const found: Array<[number, number]> = []; // [position in the unit, question term]
    terms.forEach((id, at) => {
      const i = q.matcher.exactIndex(id);
      if (i >= 0) found.push([at, i]);
    });
    const distinct = new Set(found.map(([, i]) => i)).size;
    if (distinct < 2) return 0;
    // Shortest window holding every distinct term found: two pointers over the found positions.
    const counts = new Map<number, number>();
    let best = Infinity;
    let have = 0;
    for (let lo = 0, hi = 0; hi < found.length; hi++) {
      const t = found[hi]![1];
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (counts.get(t) === 1) have++;
      while (have === distinct) {
        best = Math.min(best, found[hi]![0] - found[lo]![0] + 1);
        const u = found[lo++]![1];
        counts.set(u, counts.get(u)! - 1);
        if (counts.get(u) === 0) have--;
      }
    }
    return (distinct - 1) / (best - 1);
  },
};
