/**
 * The entry point of a search worker thread (see `exploreInWorkers`): it
 * builds the model from its source and answers the main thread's requests,
 * one level at a time.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelSource } from './expander';
import { Expander, loadModel } from './expander';

/** A request from the main thread. */
export type Request =
  | {
      readonly type: 'init';
      readonly ordinals: Int32Array;
      readonly positions: Int32Array;
      readonly lo: Int32Array;
      readonly hi: Int32Array;
    }
  | { readonly type: 'expand' }
  | {
      readonly type: 'commit';
      readonly keep: Int32Array;
      readonly lo: Int32Array;
      readonly hi: Int32Array;
    }
  | { readonly type: 'export'; readonly n: number }
  | { readonly type: 'import'; readonly moved: import('./expander').Moved };

const port = parentPort!;
const src = workerData as ModelSource;

loadModel(src).then(
  (built) => {
    const ex = new Expander(built.machine, { ...(built.options ?? {}) });
    port.on('message', (req: Request) => {
      try {
        switch (req.type) {
          case 'init':
            ex.learn(req.lo, req.hi);
            ex.loadInit(req.ordinals, req.positions);
            port.postMessage({ type: 'ok', size: ex.size });
            return;
          case 'expand': {
            const out = ex.expand();
            port.postMessage({ type: 'level', out }, [
              out.parents.buffer,
              out.lo.buffer,
              out.hi.buffer,
              out.ordinal.buffer,
              out.flags.buffer,
              out.goals.buffer,
            ] as ArrayBuffer[]);
            return;
          }
          case 'commit':
            ex.commit(req.keep, req.lo, req.hi);
            port.postMessage({ type: 'ok', size: ex.size });
            return;
          case 'export': {
            const moved = ex.exportLast(req.n);
            port.postMessage({ type: 'moved', moved }, [moved.bytes.buffer] as ArrayBuffer[]);
            return;
          }
          case 'import':
            ex.importStates(req.moved);
            port.postMessage({ type: 'ok', size: ex.size });
            return;
        }
      } catch (e) {
        port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    });
    port.postMessage({ type: 'ready' });
  },
  (e: unknown) =>
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
);
