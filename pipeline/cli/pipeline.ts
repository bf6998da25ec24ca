import { holdingWorkFolder } from './lock.ts';
import { main } from './main.ts';
import { runPipeline } from './stages.ts';

await main('npm run pipeline [-- options]\n  ingest -> tokenise -> score -> report: the corpus with the lexicons into the reports folder', holdingWorkFolder(runPipeline));
