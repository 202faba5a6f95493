// The worker thread's entry: load TypeScript through tsx, then the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./levelWorker.ts');
