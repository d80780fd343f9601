// Shows build progress: a bar on a terminal, plain lines otherwise, or JSON lines for a parent process (the bot).
import cliProgress from 'cli-progress';
import type { BuildProgress, BuildSummary } from './build.ts';

export type ProgressMode = 'auto' | 'plain' | 'json';

export interface ProgressReporter {
  update(progress: BuildProgress): void;
  done(summary: BuildSummary): void;
  stop(): void;
}

export function createProgress(mode: ProgressMode, out: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (mode === 'json') {
    return {
      update: (p) => process.stdout.write(JSON.stringify({ type: 'progress', ...p }) + '\n'),
      done: (s) => process.stdout.write(JSON.stringify({ type: 'summary', ...s }) + '\n'),
      stop: () => {},
    };
  }
  if (mode === 'auto' && out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{stage} [{bar}] {value}/{total} passages', stream: out, clearOnComplete: true, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (p.stage !== 'embedding') return;
        if (!started) bar.start(p.total, p.done, { stage: p.stage });
        started = true;
        bar.update(p.done, { stage: p.stage });
      },
      done: (s) => console.log(summaryLine(s)),
      stop: () => bar.stop(),
    };
  }
  let lastStage = '';
  let lastShown = 0;
  return {
    update(p) {
      const now = Date.now();
      if (p.stage === lastStage && now - lastShown < 1000 && p.done < p.total) return;
      lastStage = p.stage;
      lastShown = now;
      out.write(p.stage === 'embedding' ? `embedding ${p.done}/${p.total} passages\n` : `${p.stage}...\n`);
    },
    done: (s) => console.log(summaryLine(s)),
    stop: () => {},
  };
}

export function summaryLine(s: BuildSummary): string {
  return (
    `indexed: ${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.unchanged} unchanged` +
    (s.skipped.length ? `, ${s.skipped.length} skipped` : '') +
    `; ${s.passages} passages in ${s.seconds.toFixed(1)} s (${Math.round(s.passagesPerSecond)} passages/s embedded)`
  );
}
