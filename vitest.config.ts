import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/dynamo-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
    // Each worker imports the app, the AWS SDK and the checker once and runs its files one after
    // another in that process, instead of importing them again for every file: this halves the
    // suite's time. So a test file must leave no global behind: every file makes its own table,
    // app and register, restores what it stubs (aws-sdk-client-mock: restore() in afterAll) and
    // puts back any environment variable it sets.
    isolate: false,
    // The slow files (browser journeys, CLI, CDK) start first so none runs alone at the end.
    sequence: { sequencer: SlowFirstSequencer },
    // Generous: the suite shares 2 cores with DynamoDB Local and Chromium. Speed is measured in
    // `npm run bench`, never asserted here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
