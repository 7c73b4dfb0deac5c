import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    pool: 'forks',
    maxWorkers: 2,
    // Generous: the suite shares 2 cores with DynamoDB Local and Chromium. Speed is measured in
    // `npm run bench`, never asserted here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
