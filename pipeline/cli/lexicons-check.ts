import { main } from './main.ts';
import { runLexiconsCheck } from './stages.ts';

await main('npm run lexicons:check [-- options]\n  check the lexicons (format, duplicates, wildcards) without running anything else', runLexiconsCheck);
