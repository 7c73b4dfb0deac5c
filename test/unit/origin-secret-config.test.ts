import { describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/config.ts';

const current = 'a'.repeat(48);
const next = 'b'.repeat(48);

describe('the origin secret configuration', () => {
  it.each([
    ['neither (locally)', {}, undefined, undefined],
    ['the current secret alone', { ORIGIN_SECRET: current }, current, undefined],
    ['both, during a rotation', { ORIGIN_SECRET: current, ORIGIN_SECRET_NEXT: next }, current, next],
  ])('accepts %s', (_name, env: Record<string, string>, expectedCurrent, expectedNext) => {
    const config = readConfig(env);
    expect(config.ORIGIN_SECRET).toBe(expectedCurrent);
    expect(config.ORIGIN_SECRET_NEXT).toBe(expectedNext);
  });

  it.each([
    ['a next secret without a current one', { ORIGIN_SECRET_NEXT: next }, /ORIGIN_SECRET_NEXT/],
    [
      'a next secret shorter than 16 characters',
      { ORIGIN_SECRET: current, ORIGIN_SECRET_NEXT: 'short' },
      /ORIGIN_SECRET_NEXT/,
    ],
    ['a current secret shorter than 16 characters', { ORIGIN_SECRET: 'short' }, /ORIGIN_SECRET/],
  ])('refuses %s, naming the variable', (_name, env: Record<string, string>, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('never puts a secret value in the error it throws', () => {
    const shortNext = 'tooshort';
    expect(() => readConfig({ ORIGIN_SECRET: current, ORIGIN_SECRET_NEXT: shortNext })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(shortNext) }),
    );
  });

  it('reads the accessibility contact once as an email address and refuses anything else', () => {
    expect(
      readConfig({ ACCESSIBILITY_CONTACT_EMAIL: 'access@register.example' }).ACCESSIBILITY_CONTACT_EMAIL,
    ).toBe('access@register.example');
    expect(readConfig({}).ACCESSIBILITY_CONTACT_EMAIL).toBeUndefined();
    expect(() => readConfig({ ACCESSIBILITY_CONTACT_EMAIL: 'the register team' })).toThrow(
      /ACCESSIBILITY_CONTACT_EMAIL/,
    );
  });
});
