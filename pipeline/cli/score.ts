import { holdingWorkFolder } from './lock.ts';
import { main } from './main.ts';
import { runScore } from './stages.ts';

await main('npm run score [-- options]\n  stage 3: find every lexicon entry in the tokenised articles (<work>/scored.jsonl)', holdingWorkFolder(runScore));
