import type { Block } from '../text/sentences.ts';
import type { ExtractLimits } from './limits.ts';

export function htmlBlocks(
  html: string,
  limits: ExtractLimits,
  options?: { readability?: boolean },
): { title: string | undefined; blocks: Block[] };
export function readHtml(
  bytes: Uint8Array,
  limits: ExtractLimits,
): Promise<{ title: string | undefined; blocks: Block[] }>;
