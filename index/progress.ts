// Shows build progress in words ("embedding 3,100 of 6,400 passages"): one line rewritten in place on a terminal,
// plain lines otherwise, or JSON lines for a parent process (the bot).
import type { BuildProgress, BuildSummary } from './build.ts';

export type ProgressMode = 'auto' | 'plain' | 'json';

export interface ProgressReporter {
  update(progress: BuildProgress): void;
  done(summary: BuildSummary): void;
  stop(): void;
}

/** Updates of one stage closer together than this are dropped (the first and last of a stage always show). */
const OFTEN_MS = 100;
/** Plain lines (a log file): fewer. */
const PLAIN_EVERY_MS = 1000;

export function createProgress(mode: ProgressMode, out: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const inPlace = mode === 'auto' && out.isTTY;
  const due = throttle(mode === 'json' || inPlace ? OFTEN_MS : PLAIN_EVERY_MS);
  if (mode === 'json') {
    return {
      update: (p) => due(p) && process.stdout.write(JSON.stringify({ type: 'progress', ...p, text: progressText(p) }) + '\n'),
      done: (s) => process.stdout.write(JSON.stringify({ type: 'summary', ...s }) + '\n'),
      stop: () => {},
    };
  }
  if (inPlace) {
    let shown = false;
    return {
      update(p) {
        if (!due(p)) return;
        out.write(`\r${progressText(p)}\x1b[K`);
        shown = true;
      },
      done: (s) => console.log(summaryText(s)),
      stop() {
        if (shown) out.write('\r\x1b[K');
        shown = false;
      },
    };
  }
  return {
    update: (p) => due(p) && out.write(`${progressText(p)}\n`),
    done: (s) => console.log(summaryText(s)),
    stop: () => {},
  };
}

/** Whether an update is worth showing: a new stage, the end of one, or `everyMs` since the last shown. */
function throttle(everyMs: number): (p: BuildProgress) => boolean {
  let lastStage = '';
  let lastShown = 0;
  return (p) => {
    const now = performance.now();
    if (p.stage === lastStage && now - lastShown < everyMs && p.done < p.total) return false;
    lastStage = p.stage;
    lastShown = now;
    return true;
  };
}

const count = (n: number): string => n.toLocaleString('en-US');
const ofTotal = (p: BuildProgress, what: string): string => `${count(p.done)} of ${count(p.total)} ${what}${p.total === 1 ? '' : 's'}`;

/** What the build is doing, in words: "reading 12 of 40 documents", "embedding 3,100 of 6,400 passages". */
export function progressText(p: BuildProgress): string {
  switch (p.stage) {
    case 'reading':
      return `reading ${ofTotal(p, 'document')}`;
    case 'embedding':
      return p.total === 0 ? 'nothing new to embed' : `embedding ${ofTotal(p, 'passage')}`;
    case 'indexing':
      return `building the search index over ${count(p.total)} passage${p.total === 1 ? '' : 's'}`;
    case 'writing':
      return 'writing the index';
  }
}

export function summaryLine(s: BuildSummary): string {
  return (
    `indexed: ${s.added} added, ${s.changed} changed, ${s.removed} removed, ${s.unchanged} unchanged` +
    (s.skipped.length ? `, ${s.skipped.length} skipped` : '') +
    `; ${s.passages} passages in ${s.seconds.toFixed(1)} s (${Math.round(s.passagesPerSecond)} passages/s embedded)`
  );
}

/** The summary line, then one line per skipped file with its reason. */
export function summaryText(s: BuildSummary): string {
  return [summaryLine(s), ...s.skipped.map((k) => `  skipped ${k.source}: ${k.reason}`)].join('\n');
}
