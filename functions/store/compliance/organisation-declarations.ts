import { type OutOfScopeDeclaration, outOfScopeDeclarationSchema } from '../../../schemas/out-of-scope.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';

/** One organisation's out-of-scope declarations, newest year first (its own partition, OUTOFSCOPE#…). */
export async function listOrganisationDeclarations(
  store: Store,
  organisationId: string,
): Promise<OutOfScopeDeclaration[]> {
  const declarations: OutOfScopeDeclaration[] = [];
  const items = queryPrefix(store, keys.organisationPartition(organisationId), keys.outOfScopePrefix, {
    newestFirst: true,
  });
  for await (const item of items) declarations.push(outOfScopeDeclarationSchema.parse(withoutKeys(item)));
  return declarations;
}
