import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import {
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportLineError,
  type ImportRow,
  importRowSchema,
  OPTIONAL_IMPORT_COLUMNS,
  TEMPLATE_COLUMNS,
} from '../../../schemas/organisation-import.ts';
import { columnProblem } from './import-columns.ts';

export interface ParsedImport {
  rows: { line: number; row: ImportRow }[];
  errors: ImportLineError[];
}

export const MAX_IMPORT_ROWS = 100_000;

const parsedRecordsSchema = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }),
);

const ADDRESS_COLUMNS = ['addressLine1', 'addressLine2', 'town', 'postcode'] as const;

/** A validator's issue as the officer reads it: the column it is in and what to put there. */
function lineErrors(line: number, issues: readonly z.core.$ZodIssue[], raw: Record<string, string>) {
  const errors: ImportLineError[] = [];
  for (const issue of issues) {
    // registeredAddress.town is the file's "town" column.
    const column = String(issue.path.at(-1) ?? '') as ImportColumn;
    if (!(TEMPLATE_COLUMNS as readonly string[]).includes(column) || errors.some((e) => e.column === column))
      continue;
    const notADay = column === 'financialYearEnd' && issue.code === 'custom';
    errors.push({
      line,
      column,
      message: notADay
        ? `${raw.financialYearEnd} is not a day of the year: enter the month and day as MM-DD, like 03-31`
        : columnProblem(column, issue.code === 'too_big'),
    });
  }
  return errors.length > 0 ? errors : [{ line, message: 'This row could not be read' }];
}

/**
 * Reads an organisations CSV (header `name,companyNumber,entityType,financialYearEnd,turnover`,
 * optionally the contact and address columns, in any order, other columns ignored) into valid rows and per-line errors. Line numbers
 * are the file's own (the header is line 1), so an officer can find and fix each one. A company
 * number given twice in the file is an error on its later lines.
 */
export function parseImportCsv(text: string): ParsedImport {
  let records: z.infer<typeof parsedRecordsSchema>;
  try {
    records = parsedRecordsSchema.parse(
      parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
    );
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return {
      rows: [],
      errors: [
        {
          line,
          message:
            'The file could not be read as CSV from this row on: check for a quote mark (") that is not closed, or save the file again as CSV from your spreadsheet',
        },
      ],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return { rows: [], errors: [{ line: 1, message: 'The file is empty: start from the template' }] };
  const columns = header.record.map((name) => name.trim());
  const missing = IMPORT_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: header.info.lines,
          message: `The first row must name the columns ${IMPORT_COLUMNS.join(', ')} as the template does; ${missing.length === 1 ? 'this column is' : 'these columns are'} missing: ${missing.join(', ')}`,
        },
      ],
    };
  }
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          message: `The file has ${body.length.toLocaleString('en-GB')} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} at a time`,
        },
      ],
    };
  }
  const index = Object.fromEntries(TEMPLATE_COLUMNS.map((name) => [name, columns.indexOf(name)])) as Record<
    ImportColumn,
    number
  >;
  const rows: ParsedImport['rows'] = [];
  const errors: ImportLineError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push({
        line,
        message: `This row has ${record.length} ${record.length === 1 ? 'value' : 'values'} but the first row names ${columns.length} columns: check for a missing or extra comma`,
      });
      continue;
    }
    const raw = Object.fromEntries(
      TEMPLATE_COLUMNS.map((name) => [name, index[name] < 0 ? '' : (record[index[name]] ?? '')]),
    ) as Record<ImportColumn, string>;
    raw.entityType = raw.entityType.toLowerCase();
    const hasAddress = ADDRESS_COLUMNS.some((name) => raw[name] !== '');
    const result = importRowSchema.safeParse({
      ...Object.fromEntries(
        [...IMPORT_COLUMNS, ...OPTIONAL_IMPORT_COLUMNS.filter((name) => name.startsWith('contact'))].map(
          (name) => [name, raw[name]],
        ),
      ),
      ...(hasAddress
        ? {
            registeredAddress: {
              addressLine1: raw.addressLine1,
              ...(raw.addressLine2 ? { addressLine2: raw.addressLine2 } : {}),
              town: raw.town,
              postcode: raw.postcode,
            },
          }
        : {}),
    });
    if (!result.success) {
      errors.push(...lineErrors(line, result.error.issues, raw));
      continue;
    }
    const companyNumber = result.data.companyNumber;
    if (companyNumber) {
      const first = seen.get(companyNumber);
      if (first !== undefined) {
        errors.push({
          line,
          column: 'companyNumber',
          message: `Company number ${companyNumber} is also on row ${first}: give each organisation one row`,
        });
        continue;
      }
      seen.set(companyNumber, line);
    }
    rows.push({ line, row: result.data });
  }
  return { rows, errors };
}
