import { type Flag, flagSchema } from '../../../schemas/flag.ts';
import { keys, withoutKeys } from '../keys.ts';
import { isPacked, packJson, unpackJson } from '../packed-json.ts';

/**
 * A flag as stored: the flag itself plus its queue (gsi2), organisation (gsi3) and uncertainty
 * (gsi1) index keys. The findings behind a checker flag are most of its size and every index
 * holds a copy of the item, so they are kept deflated (`findingsPacked`); no update touches them.
 */
export function flagItem(flag: Flag): Record<string, unknown> {
  const { findings, ...rest } = flag;
  return {
    ...keys.flag(flag.id),
    ...keys.flagQueue(flag.status, flag.type, flag.createdAt, flag.id),
    ...keys.flagOfOrganisation(flag.organisationId, flag.createdAt, flag.id),
    ...keys.flagUncertainQueue(flag.status, flag.type, flag.confidence ?? 1, flag.createdAt, flag.id),
    entity: 'flag',
    ...rest,
    ...(findings ? { findingsPacked: packJson(findings) } : {}),
  };
}

/** A stored flag, its findings packed or (raised before packing) a plain list. */
export function flagFromItem(item: Record<string, unknown>): Flag {
  const { findingsPacked, ...rest } = withoutKeys(item);
  return flagSchema.parse(
    isPacked(findingsPacked) ? { ...rest, findings: unpackJson(findingsPacked) } : rest,
  );
}
