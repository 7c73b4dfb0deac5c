/**
 * GOV.UK pagination with numbers: the first and last pages, the current one and its neighbours,
 * and ellipses between (https://design-system.service.gov.uk/components/pagination/).
 */
export function numberedPagination(
  current: number,
  last: number,
  href: (n: number) => string,
  options: { nextHref?: string | undefined; label?: string },
) {
  if (last <= 1 && !options.nextHref) return undefined;
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= last; n++) {
    if (n === 1 || n === last || Math.abs(n - current) <= 1) {
      items.push({ number: n, href: href(n), current: n === current });
    } else if (!('ellipsis' in (items.at(-1) ?? {}))) {
      items.push({ ellipsis: true });
    }
  }
  return {
    items,
    ...(current > 1 ? { previous: { href: href(current - 1) } } : {}),
    ...(options.nextHref ? { next: { href: options.nextHref } } : {}),
    landmarkLabel: options.label ?? 'Pages of results',
  };
}
