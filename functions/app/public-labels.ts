import { SECTORS, TURNOVER_BANDS } from '../../schemas/registry-options.ts';
import type { SearchResult } from '../../schemas/search.ts';
import type { CheckSummary, Rating } from '../../schemas/statement-summary.ts';

/** How the public pages name check ratings; `non_compliant` is said the way the law puts it. */
export const RATING_TEXT: Record<Rating, string> = {
  strong: 'Strong',
  adequate: 'Adequate',
  weak: 'Weak',
  non_compliant: 'Does not meet the legal minimum',
  not_determined: 'Not determined',
};

/** What a rating means where the word alone would mislead (the register gives no verdict). */
export const RATING_EXPLANATION: Partial<Record<Rating, string>> = {
  not_determined: 'The register could not read this statement well enough to rate it.',
};

const RATING_COLOUR: Record<Rating, string> = {
  strong: 'govuk-tag--green',
  adequate: 'govuk-tag--blue',
  weak: 'govuk-tag--yellow',
  non_compliant: 'govuk-tag--red',
  not_determined: 'govuk-tag--grey',
};

/** A check summary as words and a GOV.UK tag colour; the words carry the meaning, not the colour. */
export function checkLabel(check: CheckSummary | null) {
  if (!check)
    return { text: 'Not checked yet', colour: 'govuk-tag--grey', legal: 'Not checked yet', areas: '' };
  return {
    text: RATING_TEXT[check.rating],
    colour: RATING_COLOUR[check.rating],
    explanation: RATING_EXPLANATION[check.rating],
    legal:
      check.meetsLegalMinimum === true
        ? 'Meets the legal minimum'
        : check.meetsLegalMinimum === false
          ? 'Does not meet the legal minimum'
          : 'Legal minimum not determined',
    areas: `${check.areasCovered} of 6 areas covered`,
  };
}

export const selectItems = (values: readonly string[], selected: string | undefined, none: string) => [
  { value: '', text: none, selected: !selected },
  ...values.map((value) => ({ value, text: value, selected: value === selected })),
];

export const sectorItems = (selected?: string) => selectItems(SECTORS, selected, 'Any sector');
export const turnoverItems = (selected?: string) => selectItems(TURNOVER_BANDS, selected, 'Any turnover');

export function yearItems(selected: number | undefined, thisYear: number) {
  const years: number[] = [];
  for (let year = thisYear; year >= 2016; year--) years.push(year);
  return [
    { value: '', text: 'Any year', selected: selected === undefined },
    ...years.map((year) => ({ value: String(year), text: String(year), selected: year === selected })),
  ];
}

export function ratingItems(selected?: string) {
  return [
    { value: '', text: 'Any rating', selected: !selected },
    ...(Object.entries(RATING_TEXT) as [Rating, string][]).map(([value, text]) => ({
      value,
      text,
      selected: value === selected,
    })),
  ];
}

/** A search hit as the results list shows it. */
export function resultView(result: SearchResult) {
  return {
    ...result,
    checkLabel: checkLabel(result.check),
  };
}
