import type { ImportColumn } from '../../../schemas/organisation-import.ts';
import { ENTITY_TYPE_LABELS, ENTITY_TYPES, TURNOVER_BANDS } from '../../../schemas/registry-options.ts';

interface ColumnRule {
  /** What goes in the column, in plain words (the import page's table). */
  what: string;
  required: boolean;
  /** Coded columns: every value allowed, with what it means. */
  allowed?: readonly { value: string; meaning: string }[];
  /** The one sentence a bad value gets, whatever the validator said. */
  problem: string;
  /** When the value is too long. */
  tooLong?: string;
}

/**
 * The organisations CSV's columns as officers see them: the import page lists these, the template
 * has them as its first line, and every error names the column and says what to put there.
 */
export const IMPORT_COLUMN_RULES: Record<ImportColumn, ColumnRule> = {
  name: {
    what: 'The organisation’s name.',
    required: true,
    problem: 'Enter the organisation’s name',
    tooLong: 'The organisation’s name must be 250 characters or fewer',
  },
  companyNumber: {
    what: 'Its Companies House number: 8 digits, or 2 letters and 6 digits. Leave it empty if it has none. A number the register already has updates that organisation.',
    required: false,
    problem:
      'Enter the company number as 8 digits, or 2 letters and 6 digits, like 01234567 or SC123456, or leave it empty',
  },
  entityType: {
    what: 'What kind of organisation it is: one of the codes below.',
    required: true,
    allowed: ENTITY_TYPES.map((value) => ({ value, meaning: ENTITY_TYPE_LABELS[value] })),
    problem: `Enter one of: ${ENTITY_TYPES.join(', ')}`,
  },
  financialYearEnd: {
    what: 'The month and day its financial year ends, written MM-DD: 03-31 for 31 March.',
    required: true,
    problem: 'Enter the month and day the financial year ends as MM-DD, like 03-31 for 31 March',
  },
  turnover: {
    what: 'Its turnover band, written exactly as one of the values below, or empty.',
    required: false,
    allowed: TURNOVER_BANDS.map((value) => ({
      value,
      meaning: value === 'Not provided' ? 'Not known' : value,
    })),
    problem: `Enter one of: ${TURNOVER_BANDS.join('; ')}; or leave it empty`,
  },
  contactName: {
    what: 'The person the register writes to about its statements. Optional.',
    required: false,
    problem: 'Enter the contact’s name, or leave it empty',
    tooLong: 'The contact’s name must be 200 characters or fewer',
  },
  contactEmail: {
    what: 'Their email address. Optional.',
    required: false,
    problem: 'Enter an email address in the correct format, like name@example.com, or leave it empty',
  },
  addressLine1: {
    what: 'The registered address: building and street. Needed if any address column has a value.',
    required: false,
    problem: 'Enter address line 1 (the building and street) when the row has an address',
    tooLong: 'Address line 1 must be 100 characters or fewer',
  },
  addressLine2: {
    what: 'The registered address: a second line. Optional.',
    required: false,
    problem: 'Address line 2 must be 100 characters or fewer',
    tooLong: 'Address line 2 must be 100 characters or fewer',
  },
  town: {
    what: 'The registered address: town or city. Needed if any address column has a value.',
    required: false,
    problem: 'Enter the town or city when the row has an address',
    tooLong: 'The town or city must be 100 characters or fewer',
  },
  postcode: {
    what: 'The registered address: postcode. Needed if any address column has a value.',
    required: false,
    problem: 'Enter the postcode when the row has an address',
    tooLong: 'The postcode must be 16 characters or fewer',
  },
};

/** The plain sentence for a bad value in a column (a too-long value says so). */
export function columnProblem(column: ImportColumn, tooLong: boolean): string {
  const rule = IMPORT_COLUMN_RULES[column];
  return tooLong && rule.tooLong ? rule.tooLong : rule.problem;
}
