import { createInterface } from 'node:readline';
import * as z from 'zod';
import { defaultTagger } from '../checker/tagger/model.ts';
import type { Io } from './main.ts';

const inputSchema = z.object({ id: z.unknown(), sentences: z.array(z.string()) });

/**
 * `register classify`: JSON lines `{"id", "sentences": [...]}` on stdin; one JSON line
 * `{"id", "labels": [[tag…], …]}` per input on stdout, in input order. A bad line answers
 * `{"id", "error"}` on its own line so the output stays aligned with the input.
 */
export async function classifyCommand(_args: string[], io: Io): Promise<number> {
  const tagger = defaultTagger();
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let failures = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    let output: Record<string, unknown>;
    try {
      const input = inputSchema.parse(JSON.parse(line));
      const sentences = input.sentences.map((text) => ({ text }));
      output = { id: input.id, labels: sentences.length ? tagger.tag(sentences) : [] };
    } catch (error) {
      failures++;
      let id: unknown = null;
      try {
        id = (JSON.parse(line) as { id?: unknown }).id ?? null;
      } catch {}
      output = {
        id,
        error: error instanceof z.ZodError ? 'expected {"id": …, "sentences": ["…"]}' : 'not a JSON line',
      };
    }
    if (!io.stdout.write(`${JSON.stringify(output)}\n`))
      await new Promise((resolve) => io.stdout.once('drain', resolve));
  }
  return failures ? 1 : 0;
}
