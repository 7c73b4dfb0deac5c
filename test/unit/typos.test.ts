import { describe, expect, it } from 'vitest';
import {
  correctedWords,
  deletionKeys,
  nameMatchesWithTypos,
  withinOneEdit,
} from '../../functions/domain/search/typos.ts';

describe('typo tolerance by symmetric deletion', () => {
  it.each([
    ['retail', 'retail', true],
    ['retail', 'rutail', true],
    ['retail', 'retal', true],
    ['retail', 'retaill', true],
    ['retail', 'rteail', true],
    ['retail', 'rutaik', false],
    ['retail', 'rtal', false],
    ['retail', 'logistics', false],
  ])('%s and %s are one typo apart: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    // Exactly the words one edit apart share a deletion key.
    const shared = deletionKeys(a).some((key) => deletionKeys(b).includes(key));
    expect(shared).toBe(expected);
  });

  it('keys a word by itself and each one-letter deletion, once each', () => {
    expect(deletionKeys('mill')).toEqual(['mill', 'ill', 'mll', 'mil']);
  });

  it('matches a name when every query word starts or is one edit from one of its words', () => {
    expect(nameMatchesWithTypos(['harowgate', 'text'], ['harrowgate', 'textile', 'mills'])).toBe(true);
    expect(nameMatchesWithTypos(['harowgate', 'port'], ['harrowgate', 'textile', 'mills'])).toBe(false);
  });

  it('corrects the typed word to the most frequent name word one typo away, keeping the others', () => {
    const seen = ['smith', 'smith', 'smithy', 'smith', 'logistics', 'smart'];
    expect(correctedWords(['smoth', 'logistics'], 'smoth', seen)).toEqual(['smith', 'logistics']);
    expect(correctedWords(['zzzz'], 'zzzz', seen)).toBeUndefined();
  });
});
