import { holdingWorkFolder } from './lock.ts';
import { main } from './main.ts';
import { runReport } from './stages.ts';

await main('npm run report [-- options]\n  stage 4: write the CSV reports from <work>/scored.jsonl into the reports folder', holdingWorkFolder(runReport));
