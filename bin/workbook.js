#!/usr/bin/env node
/**
 * The `workbook` command as package.json's `bin` names it: loads tsx, which
 * runs the TypeScript sources as they are, then the command itself
 * (`src/cli/main.ts`).
 *
 * @module
 */
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
