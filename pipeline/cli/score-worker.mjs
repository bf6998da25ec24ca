// A worker thread of --workers: loads the TypeScript sources (as the npm
// scripts do, through tsx) and scores the articles the main thread sends.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveWorker } = await import('./scoring.ts');
serveWorker(parentPort);
