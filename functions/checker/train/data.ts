import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { AIMS_LABELS, type AimsLabel } from '../tagger/labels.ts';

/** Where the labelled data lives: ../shared/data beside the repo, or SHARED_DATA_DIR. */
export function dataDir(): string {
  return process.env.SHARED_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
}

const aimsLabelSchema = z.enum(AIMS_LABELS);

const aimsStatementSchema = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  labels: z.record(z.string(), z.boolean()),
  sentences: z.array(
    z.object({
      text: z.string(),
      labels: z.array(aimsLabelSchema),
      comment: z.string().nullable().optional(),
    }),
  ),
});

export type AimsStatement = z.infer<typeof aimsStatementSchema>;

const wikirateSchema = z.object({
  id: z.string(),
  company: z.string(),
  year: z.string(),
  text: z.string(),
  labels: z.object({ training: z.boolean() }),
});

export type WikirateStatement = z.infer<typeof wikirateSchema>;

function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => schema.parse(JSON.parse(line)));
}

export function loadAims(name: 'aims-au' | 'aims-ca'): AimsStatement[] {
  return readJsonLines(join(dataDir(), `${name}.jsonl`), aimsStatementSchema);
}

export function loadWikirate(): WikirateStatement[] {
  return readJsonLines(join(dataDir(), 'wikirate-uk-training.jsonl'), wikirateSchema);
}

/** Labels a dataset annotates: AIMS.ca has no c1_reporting_entity or c6_consultation. */
export function annotatedLabels(statement: AimsStatement): Set<AimsLabel> {
  const labels = new Set<AimsLabel>(AIMS_LABELS);
  if (statement.jurisdiction === 'CA') {
    labels.delete('c1_reporting_entity');
    labels.delete('c6_consultation');
  }
  return labels;
}
