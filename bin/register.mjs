#!/usr/bin/env node
// `npx register …`: loads TypeScript through tsx and hands over to the dispatcher.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../functions/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
