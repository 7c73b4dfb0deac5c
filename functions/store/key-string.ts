/** One string for an item's key, for maps and sets of items. */
export const keyString = (item: { pk: string; sk: string }) => `${item.pk}\u0000${item.sk}`;
