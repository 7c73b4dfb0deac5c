import { parseArgs } from 'node:util';
import { endSessionsOf } from '../domain/sessions.ts';
import { openTable } from './backup.ts';
import type { Io } from './main.ts';

const options = {
  user: { type: 'string' },
  table: { type: 'string', default: 'register' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  aws: { type: 'boolean', default: false },
} as const;

/**
 * `register end-sessions --user <sub> [--aws | --endpoint <url>]`: signs a person out of every
 * device. The register learns a person's groups when they sign in; an operator who removes
 * someone from the officers group in Cognito runs this so their open sessions end at once.
 */
export async function endSessionsCommand(args: string[], io: Io): Promise<number> {
  let values: {
    user?: string | undefined;
    table: string;
    endpoint?: string | undefined;
    region?: string | undefined;
    aws: boolean;
  };
  try {
    ({ values } = parseArgs({ args, options, strict: true }));
  } catch (error) {
    io.stderr.write(`register end-sessions: ${(error as Error).message}\n`);
    return 2;
  }
  if (!values.user) {
    io.stderr.write(
      'Usage: register end-sessions --user <sub> [--aws | --endpoint <url>] [--table <name>] [--region <r>]\n',
    );
    return 2;
  }
  const { store, close } = await openTable(values);
  try {
    const ended = await endSessionsOf({ store }, values.user);
    io.stdout.write(`Ended ${ended} session${ended === 1 ? '' : 's'} of ${values.user}\n`);
    return 0;
  } finally {
    await close();
  }
}
