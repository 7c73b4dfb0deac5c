import type { Hono } from 'hono';
import { idSchema } from '../../../schemas/common.ts';
import { FLAG_STATUSES, FLAG_TYPES } from '../../../schemas/flag.ts';
import { ENTITY_TYPE_LABELS } from '../../../schemas/registry-options.ts';
import { notFound } from '../../domain/errors.ts';
import { addressLines } from '../../mail/letters.ts';
import { listFlags } from '../../store/flags/list-flags.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';

/**
 * /officers/organisations/{id}: the organisation as officers see it, with the contact details the
 * public page (cached for everyone) never shows, and its flags. The officers' middleware guards it.
 */
export function addOfficersOrganisationPage(
  app: Hono<AppEnv>,
  deps: AppDeps,
  labels: { type: Record<string, string>; status: Record<string, string> },
) {
  app.get('/officers/organisations/:id', async (c) => {
    const id = c.req.param('id');
    const organisation = idSchema.safeParse(id).success ? await getOrganisation(deps.store, id) : undefined;
    if (!organisation) throw notFound('The organisation');
    const flags = await listFlags(
      deps.store,
      { statuses: FLAG_STATUSES, types: FLAG_TYPES, organisationId: id },
      { order: 'newest', limit: 50 },
    );
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'officers/organisation.njk', {
      title: organisation.name,
      activeNav: 'officers',
      organisation,
      entityType: ENTITY_TYPE_LABELS[organisation.entityType],
      address: organisation.registeredAddress ? addressLines(organisation.registeredAddress) : [],
      flags: flags.items,
      typeLabels: labels.type,
      statusLabels: labels.status,
    });
  });
}
