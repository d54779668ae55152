#!/usr/bin/env node
// Runs the TypeScript admin CLI through tsx, so that `npx mitelone-admin`
// works without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/admin.ts');
