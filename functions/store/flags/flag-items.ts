import { type Flag, flagSchema } from '../../../schemas/flag.ts';
import { keys, withoutKeys } from '../keys.ts';

/** A flag as stored: the flag itself plus its queue (gsi2) and organisation (gsi3) index keys. */
export function flagItem(flag: Flag): Record<string, unknown> {
  return {
    ...keys.flag(flag.id),
    ...keys.flagQueue(flag.status, flag.type, flag.createdAt, flag.id),
    ...keys.flagOfOrganisation(flag.organisationId, flag.createdAt, flag.id),
    ...keys.flagUncertainQueue(flag.status, flag.type, flag.confidence ?? 1, flag.createdAt, flag.id),
    entity: 'flag',
    ...flag,
  };
}

export function flagFromItem(item: Record<string, unknown>): Flag {
  return flagSchema.parse(withoutKeys(item));
}
