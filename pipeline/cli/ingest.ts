import { holdingWorkFolder } from './lock.ts';
import { main } from './main.ts';
import { runIngest } from './stages.ts';

await main('npm run ingest [-- options]\n  stage 1: read the corpus into clean articles (<work>/articles.jsonl)', holdingWorkFolder(runIngest));
