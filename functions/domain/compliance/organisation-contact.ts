import type { Organisation } from '../../../schemas/organisation.ts';
import type { ImportRow } from '../../../schemas/organisation-import.ts';

type Contact = Pick<Organisation, 'contactName' | 'contactEmail' | 'registeredAddress'>;

/** The contact details a CSV row gives (an empty cell keeps what the register has). */
export function contactOfRow(row: ImportRow): Contact {
  return {
    ...(row.contactName ? { contactName: row.contactName } : {}),
    ...(row.contactEmail ? { contactEmail: row.contactEmail } : {}),
    ...(row.registeredAddress ? { registeredAddress: row.registeredAddress } : {}),
  };
}

/** Whether the organisation already has every contact detail the row gives. */
export function hasContactOfRow(organisation: Organisation, row: ImportRow): boolean {
  const given = contactOfRow(row);
  return (Object.keys(given) as (keyof Contact)[]).every(
    (name) => JSON.stringify(organisation[name]) === JSON.stringify(given[name]),
  );
}

/** What a letter to a new organisation needs from its row: who it is for and where it goes. */
export function letterDetailsOfRow(row: ImportRow): Pick<Contact, 'contactName' | 'registeredAddress'> {
  return {
    ...(row.contactName ? { contactName: row.contactName } : {}),
    ...(row.registeredAddress ? { registeredAddress: row.registeredAddress } : {}),
  };
}
