#!/usr/bin/env node
import module from 'node:module';
// Node >= 22.1 caches compiled code between runs; start-up is a feature.
module.enableCompileCache?.();
await import('../dist/src/cli.js');
