import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import {
  IMPORT_COLUMNS,
  type ImportLineError,
  type ImportRow,
  importRowSchema,
} from '../../../schemas/organisation-import.ts';

export interface ParsedImport {
  rows: { line: number; row: ImportRow }[];
  errors: ImportLineError[];
}

export const MAX_IMPORT_ROWS = 100_000;

const parsedRecordsSchema = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }),
);

/**
 * Reads an organisations CSV (header `name,companyNumber,entityType,financialYearEnd,turnover`,
 * columns in any order, extra columns ignored) into valid rows and per-line errors. Line numbers
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
      errors: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }],
    };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'The file is empty' }] };
  const columns = header.record.map((name) => name.trim());
  const missing = IMPORT_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    return {
      rows: [],
      errors: [
        {
          line: header.info.lines,
          message: `The first line must name the columns ${IMPORT_COLUMNS.join(',')} (missing: ${missing.join(', ')})`,
        },
      ],
    };
  }
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [
        { line: 1, message: `The file has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at a time` },
      ],
    };
  }
  const index = Object.fromEntries(IMPORT_COLUMNS.map((name) => [name, columns.indexOf(name)])) as Record<
    (typeof IMPORT_COLUMNS)[number],
    number
  >;
  const rows: ParsedImport['rows'] = [];
  const errors: ImportLineError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push({ line, message: `Expected ${columns.length} values, found ${record.length}` });
      continue;
    }
    const raw = Object.fromEntries(IMPORT_COLUMNS.map((name) => [name, record[index[name]] ?? '']));
    raw.entityType = (raw.entityType ?? '').toLowerCase();
    const result = importRowSchema.safeParse(raw);
    if (!result.success) {
      errors.push({
        line,
        message: result.error.issues
          .map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`)
          .join('; '),
      });
      continue;
    }
    const companyNumber = result.data.companyNumber;
    if (companyNumber) {
      const first = seen.get(companyNumber);
      if (first !== undefined) {
        errors.push({ line, message: `companyNumber: ${companyNumber} is also on line ${first}` });
        continue;
      }
      seen.set(companyNumber, line);
    }
    rows.push({ line, row: result.data });
  }
  return { rows, errors };
}
