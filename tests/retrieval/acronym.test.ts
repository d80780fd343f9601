import { describe, expect, it } from 'vitest';
import { acronymAsked, expansionIn } from '../../retrieval/acronym.ts';

describe('acronyms', () => {
  it('are asked about by "stand for", "full name" and the like, when that is all the question asks', () => {
    expect(acronymAsked('what does CSTO stand for?')).toBe('CSTO');
    expect(acronymAsked('csto full name')).toBe('CSTO');
    expect(acronymAsked("What's the full name of the NPT?")).toBe('NPT');
    for (const question of [
      'what did CSTO say about outer space',
      'what does the CSTO stand for on sanctions?',
      'who stands for election in the CSTO?',
      'what is the full name of the CSTO secretary general?',
      'what do the CSTO countries stand for in outer space?',
    ])
      expect(acronymAsked(question), question).toBeUndefined();
  });

  it('are found spelled out before their bracket, minor words skipped', () => {
    const text = 'Member states of the Collective Security Treaty Organization (CSTO) believe it.';
    const found = expansionIn(text, 'CSTO')!;
    expect(text.slice(found.start, found.end)).toBe('Collective Security Treaty Organization (CSTO)');
    const ddr = 'It was the German Democratic Republic (GDR) then.';
    expect(ddr.slice(expansionIn(ddr, 'GDR')!.start, expansionIn(ddr, 'GDR')!.end)).toBe('German Democratic Republic (GDR)');
    const minor = 'the Bank of England (BE) said';
    expect(minor.slice(expansionIn(minor, 'BE')!.start)).toBe('Bank of England (BE) said');
  });

  it('are not found where the words before the bracket do not spell them', () => {
    expect(expansionIn('the Treaty on the Non-Proliferation of Nuclear Weapons (NPT)', 'NPT')).toBeUndefined();
    expect(expansionIn('the CSTO said (CSTO) nothing', 'CSTO')).toBeUndefined();
    expect(expansionIn('no bracket here CSTO', 'CSTO')).toBeUndefined();
  });
});
