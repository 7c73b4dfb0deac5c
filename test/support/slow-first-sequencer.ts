import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, slowest first (measured; see the README's testing section). The
 * two workers take files from the front of the queue, so starting these first keeps one long file
 * from running alone at the end. A fresh clone has no duration cache, where vitest's own order is
 * by file size: this list keeps CI's order the same as a developer's.
 */
const slowFirst = [
  'test/browser/submission-journey.test.ts',
  'test/browser/business-demo.test.ts',
  'test/browser/public-register.test.ts',
  'test/browser/officers.test.ts',
  'test/checker/cli.test.ts',
  'test/faults/killed-server.test.ts',
  'test/browser/check-page.test.ts',
  'test/browser/xss.test.ts',
  'test/hostile/xss-more-pages.test.ts',
  'test/infra/bundle.test.ts',
  'test/faults/dynamodb-faults.test.ts',
  'test/load/load-short.test.ts',
  'test/officers/import.test.ts',
  'test/infra/stack.test.ts',
  'test/infra/stack-prod.test.ts',
  'test/browser/home.test.ts',
];

const rank = (spec: TestSpecification) => {
  const path = spec.moduleId.replaceAll('\\', '/');
  const index = slowFirst.findIndex((slow) => path.endsWith(`/${slow}`));
  return index === -1 ? slowFirst.length : index;
};

/** Vitest's order (failed first, then longest by its cache, then largest), with the slow files first. */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
