// A progress bar on stderr for long runs: articles done, words per second and
// time to go. Drawn only on a terminal and without --quiet; the total is
// unknown while the corpus streams in, so the bar counts up and the rate says
// how fast.
import cliProgress from 'cli-progress';
import type { Options } from './options.ts';

export interface ProgressTarget {
  progress?: boolean;
}

export class Progress {
  private readonly bar: cliProgress.SingleBar | null;
  private articles = 0;
  private words = 0;
  private readonly started = performance.now();

  constructor(target: ProgressTarget, options: Pick<Options, 'quiet'>) {
    const show = target.progress === true && !options.quiet;
    this.bar = show
      ? new cliProgress.SingleBar(
          { format: '{articles} articles | {words} words | {rate} words/s', stream: process.stderr, fps: 5, clearOnComplete: true, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
    this.bar?.start(0, 0, { articles: 0, words: 0, rate: 0 });
  }

  tick(words: number): void {
    this.articles += 1;
    this.words += words;
    if (!this.bar) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.bar.update(this.articles, { articles: this.articles, words: this.words, rate: Math.round(this.words / Math.max(seconds, 1e-3)) });
  }

  stop(): void {
    this.bar?.stop();
  }
}
