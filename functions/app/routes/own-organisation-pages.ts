import { Hono } from 'hono';
import { ownOrganisationSchema } from '../../../schemas/organisation.ts';
import { ENTITY_TYPE_LABELS, ENTITY_TYPES } from '../../../schemas/registry-options.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import {
  addOwnOrganisation,
  pendingOrganisations,
  verifyOrganisation,
} from '../../domain/submissions/organisations.ts';
import { currentUser, requireSignedInPage } from '../auth.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { siteAddressOf } from '../edge.ts';
import { renderPage } from '../page.ts';
import { errorView, renderDomainError } from './account-pages.ts';
import { requireOfficerPage } from './officers-pages.ts';

type Form = Record<string, string>;

const text = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string).trim() : '';

const pad = (value: string) => (/^\d$/.test(value) ? `0${value}` : value);

/** The form's answers as the API's body; empty optional answers are left out. */
function bodyOf(form: Form): Record<string, unknown> {
  const number = form.registration === 'company' ? form.companyNumber : undefined;
  const charity = form.registration === 'charity' ? form.charityNumber : undefined;
  const month = form.yearEndMonth ?? '';
  const day = form.yearEndDay ?? '';
  return {
    name: form.name,
    entityType: form.entityType || undefined,
    ...(number ? { companyNumber: number.replace(/\s+/g, '') } : {}),
    ...(charity ? { charityNumber: charity.replace(/\s+/g, '') } : {}),
    financialYearEnd: month || day ? `${pad(month)}-${pad(day)}` : undefined,
    registeredAddress: {
      addressLine1: form.addressLine1,
      ...(form.addressLine2 ? { addressLine2: form.addressLine2 } : {}),
      town: form.town,
      postcode: form.postcode,
    },
  };
}

const FIELD_IDS: Record<string, string> = {
  '/financialYearEnd': 'yearEnd-day',
  '/registeredAddress/addressLine1': 'addressLine1',
  '/registeredAddress/addressLine2': 'addressLine2',
  '/registeredAddress/town': 'town',
  '/registeredAddress/postcode': 'postcode',
};
const fieldId = (path: string) => FIELD_IDS[path] ?? path.replace(/^\//, '').split('/')[0] ?? '';

const MESSAGES: Record<string, string> = {
  name: 'Enter the organisation’s name',
  entityType: 'Select what kind of organisation it is',
  companyNumber: 'Enter a company or LLP number in the correct format, like 01234567 or OC123456',
  charityNumber: 'Enter a charity number in the correct format, like 1123456 or SC012345',
  'yearEnd-day': 'Enter the day and month the financial year ends, like 31 3',
};

function entityItems(selected: string | undefined) {
  return [
    { value: '', text: 'Select one' },
    ...ENTITY_TYPES.map((value) => ({
      value,
      text: ENTITY_TYPE_LABELS[value],
      selected: value === selected,
    })),
  ];
}

/** "Add your organisation" for businesses; "Organisations to verify" for officers. */
export function ownOrganisationPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('/account/organisations/new', requireSignedInPage);
  app.use('/officers/organisations-to-verify', requireSignedInPage, requireOfficerPage);
  app.use('/officers/organisations-to-verify/*', requireSignedInPage, requireOfficerPage);

  const form = (c: Parameters<typeof renderPage>[0], values: Form, errors: FieldError[] = [], status = 200) =>
    renderPage(
      c,
      deps,
      'submit/add-organisation.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Add your organisation`,
        activeNav: 'account',
        values,
        entityTypes: entityItems(values.entityType),
        ...errorView(errors, fieldId),
      },
      status as 200,
    );

  app.get('/account/organisations/new', (c) => form(c, {}));

  app.post('/account/organisations/new', async (c) => {
    const raw = await c.req.parseBody();
    const values: Form = Object.fromEntries(
      [
        'name',
        'registration',
        'companyNumber',
        'charityNumber',
        'entityType',
        'yearEndDay',
        'yearEndMonth',
        'addressLine1',
        'addressLine2',
        'town',
        'postcode',
      ].map((name) => [name, text(raw, name)]),
    );
    const parsed = ownOrganisationSchema.safeParse(bodyOf(values));
    if (!parsed.success) {
      // Every bad answer, once each, in the form's order; our wording where the schema's is terse.
      const errors = parsed.error.issues.map((issue) => {
        const path = `/${issue.path.join('/')}`;
        return { path, message: MESSAGES[fieldId(path)] ?? issue.message };
      });
      return form(c, values, errors, 422);
    }
    try {
      const { id } = await addOwnOrganisation(deps, currentUser(c), parsed.data, siteAddressOf(c));
      return c.redirect(`/account?added=${encodeURIComponent(id)}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'conflict') {
        return renderPage(
          c,
          deps,
          'submit/add-organisation.njk',
          {
            title: 'Error: Add your organisation',
            activeNav: 'account',
            values,
            entityTypes: entityItems(values.entityType),
            duplicate: values.companyNumber,
            ...errorView(
              [
                {
                  path: '/companyNumber',
                  message: `An organisation with company number ${values.companyNumber} is already on the register`,
                },
              ],
              fieldId,
            ),
          },
          409,
        );
      }
      return renderDomainError(c, deps, error);
    }
  });

  app.get('/officers/organisations-to-verify', async (c) => {
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'officers/organisations-to-verify.njk', {
      title: 'Organisations to verify',
      pending: await pendingOrganisations(deps.store),
      verified: c.req.query('verified'),
    });
  });

  app.post('/officers/organisations-to-verify/:orgId', async (c) => {
    try {
      const organisation = await verifyOrganisation(deps, currentUser(c), c.req.param('orgId'));
      return c.redirect(
        `/officers/organisations-to-verify?verified=${encodeURIComponent(organisation.name)}`,
        303,
      );
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  return app;
}
