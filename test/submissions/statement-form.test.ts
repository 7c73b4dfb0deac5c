import { describe, expect, it } from 'vitest';
import { patchFromForm } from '../../functions/app/forms/statement-form.ts';
import { countryCodeOf, countryName } from '../../schemas/countries.ts';

const base = { periodStart: '2025-04-01', periodEnd: '2026-03-31' };

describe('the statement form', () => {
  it.each([
    ['Turkey', 'TR'],
    ['Türkiye', 'TR'],
    ['turkiye', 'TR'],
    ['Myanmar', 'MM'],
    ['Burma', 'MM'],
    ['Ivory Coast', 'CI'],
    ["Côte d'Ivoire", 'CI'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['United Kingdom', 'GB'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['Russia', 'RU'],
    ['Syria', 'SY'],
    ['vn', 'VN'],
  ])('knows the country “%s” as %s', (name, code) => {
    expect(countryCodeOf(name)).toBe(code);
  });

  it('reads risk countries by common name and alias, and reports every unknown name in one message', () => {
    const good = patchFromForm(
      'risks',
      {
        risk1Description: 'Forced labour in cotton',
        risk1Location: 'Within your supply chains',
        risk1Countries: 'Turkey, Burma; Ivory Coast\nUK, USA, Great Britain',
      },
      base,
    );
    expect(good.errors).toEqual([]);
    expect(good.patch.summary?.risks?.[0]?.countries).toEqual(['TR', 'MM', 'CI', 'GB', 'US']);
    expect(good.patch.summary?.risks?.[0]?.countries?.map(countryName)).toContain('Myanmar (Burma)');

    const bad = patchFromForm(
      'risks',
      { risk1Description: 'x', risk1Location: 'Other', risk1Countries: 'Narnia, India, Atlantis' },
      base,
    );
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]?.path).toBe('/summary/risks/0/countries');
    expect(bad.errors[0]?.message).toMatch(/^“Narnia” and “Atlantis” are not countries we know/);
  });

  it('reports both bad dates of the period, in day, month and year terms', () => {
    const { errors } = patchFromForm(
      'period',
      {
        'periodStart-day': '31',
        'periodStart-month': '2',
        'periodStart-year': '2025',
        'periodEnd-day': '31',
        'periodEnd-month': '4',
        'periodEnd-year': '2026',
      },
      base,
    );
    expect(errors.map((e) => e.path)).toEqual(['/periodStart', '/periodEnd']);
    for (const error of errors) {
      expect(error.message).toMatch(/must be a real date, like 31 3 2025/);
      expect(error.message).not.toMatch(/YYYY/);
    }
  });
});
