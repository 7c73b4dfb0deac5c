import type { Page } from 'playwright-core';
import { type AxeViolation, axeViolations } from '../../support/browser.ts';

/**
 * The one axe violation the accessibility statement documents as GOV.UK Frontend's own (issue
 * 979, open; still in 6.6.0, the latest release): a radio that reveals a further question carries
 * `aria-expanded`, which ARIA does not allow on a radio (axe: aria-allowed-attr, critical).
 *
 * Answers what axe reports on the page in two parts: `upstream`, the nodes of that violation, each
 * a revealing radio; and `others`, every violation left once those radios lose `aria-expanded`
 * (axe run again), which must be none. So the exception covers exactly that attribute on exactly
 * those inputs, and nothing else on the page can hide behind it. It changes the page: call it last
 * on a page, before leaving it.
 */
export async function axeApartFromConditionalReveal(
  page: Page,
): Promise<{ upstream: { id: string; targets: string[] }[]; others: AxeViolation[] }> {
  const before = await axeViolations(page);
  await page.evaluate(() => {
    const radios = Array.from(document.querySelectorAll<HTMLInputElement>('input.govuk-radios__input'));
    for (const radio of radios) {
      const controls = radio.getAttribute('aria-controls');
      const reveals = controls && document.getElementById(controls)?.matches('.govuk-radios__conditional');
      if (!reveals || !radio.hasAttribute('aria-expanded')) continue;
      radio.removeAttribute('aria-expanded');
    }
  });
  const others = await axeViolations(page);
  // A violation still reported after the change is among `others`, so the caller sees it.
  const upstream = before
    .filter((v) => !others.some((o) => o.id === v.id))
    .map((v) => ({ id: v.id, targets: v.nodes.flatMap((n) => n.target) }));
  return { upstream: upstream.map((u) => ({ ...u, targets: u.targets.sort() })), others };
}

/** What `upstream` must be on a page whose revealing radios are `radioIds`. */
export const conditionalRevealOnly = (radioIds: string[]) => [
  { id: 'aria-allowed-attr', targets: radioIds.map((id) => `#${id}`).sort() },
];

/** The ids of the page's radios that reveal a further question. */
export async function revealingRadios(page: Page): Promise<string[]> {
  return page
    .locator('input.govuk-radios__input[aria-controls]')
    .evaluateAll((radios) => radios.map((radio) => radio.id));
}
