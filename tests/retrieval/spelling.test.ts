import { describe, expect, it } from 'vitest';
import { oneEditApart, SpellIndex } from '../../retrieval/spelling.ts';

describe('typos', () => {
  it('are one letter added, dropped, changed, or two neighbours swapped', () => {
    for (const [a, b] of <Array<[string, string]>>[['terorism', 'terrorism'], ['meeting', 'meting'], ['sanctoins', 'sanctions'], ['positon', 'position'], ['nuclear', 'nuclaer']])
      expect(oneEditApart(a, b), `${a} ${b}`).toBe(true);
    for (const [a, b] of <Array<[string, string]>>[['terrorism', 'terrorism'], ['terorsm', 'terrorism'], ['bread', 'board'], ['space', 'spaces!!']])
      expect(oneEditApart(a, b), `${a} ${b}`).toBe(false);
  });

  it('are read as the most common corpus word one edit away, by word or by stem', () => {
    const words = ['terrorism', 'tourism', 'addiction', 'place', 'plate'];
    const stems = ['terror', 'tourism', 'addict', 'place', 'plate'];
    const df = [10, 3, 2, 50, 5];
    const spelling = new SpellIndex(words, stems, (id) => df[id]!);
    expect(spelling.correct('terorism', 'teror')).toBe(0);
    expect(spelling.correct('adicted', 'adict')).toBe(2); // through the stems "adict" and "addict"
    expect(spelling.correct('plaze', 'plaze')).toBe(3); // "place" and "plate" both fit: the more common wins
    expect(spelling.correct('plac', 'plac')).toBeUndefined(); // too short to guess
    expect(spelling.correct('cryptocurrency', 'cryptocurr')).toBeUndefined();
  });
});
