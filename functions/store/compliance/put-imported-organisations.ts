import type { AuditEvent } from '../../../schemas/audit.ts';
import type { EnrolmentCodeRecord } from '../../../schemas/membership.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import { auditItem } from '../audit/audit-item.ts';
import { type Claim, claimAll, type Slot } from '../claim-unique.ts';
import { enrolmentCodeItem } from '../enrolment/enrolment-code-item.ts';
import { companyNumberItem, organisationItem } from '../organisations/create-organisation.ts';
import { batchWriteItems, type WriteRequest } from '../search/batch-write-items.ts';
import type { Store } from '../store.ts';

export interface ImportedOrganisationWrite {
  organisation: Organisation;
  enrolment: { codeHash: string; record: EnrolmentCodeRecord };
  audit: AuditEvent;
}

/**
 * New organisations of the officers' import, without a transaction each. The one thing another
 * writer could break, the company number's uniqueness, is claimed first (conditional puts, a
 * hundred to a transaction; the same organisation may claim again, so a retry or a re-run that
 * finishes an interrupted import passes). The organisation, its enrolment code's hash and its
 * audit event are new items under fresh ids (the code has 100 random bits) that nobody else
 * writes, so they then go in plain BatchWrites (unprocessed items retried with backoff); a
 * retried batch puts the same items again. Answers the organisations whose number someone else
 * holds (nothing of theirs is written).
 */
export async function putImportedOrganisations(
  store: Store,
  writes: ImportedOrganisationWrite[],
  options: { parallel: number; claimSlot?: Slot; writeSlot?: Slot; claimedAt: string },
): Promise<{ lost: Set<ImportedOrganisationWrite> }> {
  const byClaim = new Map<Claim, ImportedOrganisationWrite>();
  for (const write of writes) {
    const { companyNumber, id } = write.organisation;
    if (!companyNumber) continue;
    byClaim.set(
      {
        item: companyNumberItem(companyNumber, id, options.claimedAt),
        owner: id,
        ownerName: 'organisationId',
      },
      write,
    );
  }
  const taken = await claimAll(store, [...byClaim.keys()], {
    parallel: options.parallel,
    ...(options.claimSlot ? { slot: options.claimSlot } : {}),
  });
  const lost = new Set([...taken].map((claim) => byClaim.get(claim)!));
  const requests: WriteRequest[] = writes
    .filter((write) => !lost.has(write))
    .flatMap((write) => [
      { PutRequest: { Item: organisationItem(write.organisation) } },
      { PutRequest: { Item: enrolmentCodeItem(write.enrolment.codeHash, write.enrolment.record) } },
      { PutRequest: { Item: auditItem(write.audit) } },
    ]);
  await batchWriteItems(store, requests, {
    parallel: options.parallel,
    ...(options.writeSlot ? { slot: options.writeSlot } : {}),
  });
  return { lost };
}
