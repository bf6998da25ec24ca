import { holdingWorkFolder } from './lock.ts';
import { main } from './main.ts';
import { runTokenise } from './stages.ts';

await main('npm run tokenise [-- options]\n  stage 2: tokenise <work>/articles.jsonl with wink-nlp into the token cache (<work>/cache/tokens/)', holdingWorkFolder(runTokenise));
