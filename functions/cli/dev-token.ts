import { parseArgs } from 'node:util';
import * as z from 'zod';
import { createDevIssuer } from '../local/dev-issuer.ts';
import { devDataDirectory } from '../local/running-register.ts';
import type { Io } from './main.ts';

const emailSchema = z.email();

/**
 * `register dev-token --email <e> [--officer]`: local development only. Prints a token from the
 * development issuer whose keys live in the data folder (REGISTER_DATA_DIR, else the running
 * `npm start`'s folder, else .data/), the same keys `npm start` trusts. The deployed stack does
 * not trust this issuer.
 */
export async function devTokenCommand(
  args: string[],
  io: Io,
  locate: () => { dir: string } = () => devDataDirectory(),
): Promise<number> {
  let values: { email?: string | undefined; officer?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { email: { type: 'string' }, officer: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`register dev-token: ${(error as Error).message}\n`);
    return 2;
  }
  const email = emailSchema.safeParse(values.email);
  if (!email.success) {
    io.stderr.write('Usage: register dev-token --email <address> [--officer]\n');
    return 2;
  }
  const issuer = await createDevIssuer({ dir: locate().dir });
  io.stdout.write(`${await issuer.sign({ email: email.data, officer: values.officer ?? false })}\n`);
  return 0;
}
