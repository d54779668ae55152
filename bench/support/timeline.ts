import { summarize, type Summary } from './stats';

/** A point in one run, in ms after the run's start. */
export interface Mark {
  name: string;
  atMs: number;
}

/** One measured run: its total and the points it passed, in order. */
export interface TimedRun {
  totalMs: number;
  marks: Mark[];
  /** Further durations of the run in ms, such as a share of the total. */
  parts: Record<string, number>;
  /** The app's requests during the run, in ms after its start. */
  requests?: {
    method: string;
    target: string;
    status: number;
    startMs: number;
    endMs: number;
  }[];
}

export interface StepSummary {
  /** `from → to`, the names of two consecutive marks. */
  step: string;
  summary: Summary;
}

/** Returns `requests` sent at or after `startMs`, with times relative to it. */
export function relativeRequests(
  requests: readonly {
    method: string;
    target: string;
    status: number;
    startMs: number;
    endMs: number;
  }[],
  startMs: number,
): NonNullable<TimedRun['requests']> {
  return requests
    .filter((request) => request.startMs >= startMs)
    .map((request) => ({
      ...request,
      startMs: request.startMs - startMs,
      endMs: request.endMs - startMs,
    }));
}

/**
 * Adds a mark at `atMs`, taken with `performance.now()`, relative to
 * `startMs`. A missing time is an error, because a step would be silently
 * merged into the next one.
 */
export function mark(
  marks: Mark[],
  name: string,
  atMs: number | undefined,
  startMs: number,
): void {
  if (atMs === undefined) throw new Error(`The run has no time for "${name}"`);
  marks.push({ name, atMs: atMs - startMs });
}

/**
 * Summarizes each step between consecutive marks over the runs. Every run of
 * one case must pass the same marks in the same order.
 */
export function summarizeSteps(runs: TimedRun[]): StepSummary[] {
  const first = runs[0];
  if (!first) return [];

  const names = first.marks.map((entry) => entry.name);
  for (const run of runs) {
    const runNames = run.marks.map((entry) => entry.name);
    if (runNames.join('\n') !== names.join('\n')) {
      throw new Error(
        `Runs passed different points: ${names.join(', ')} and ${runNames.join(', ')}`,
      );
    }
  }

  return names.slice(1).map((name, index) => ({
    step: `${names[index]} → ${name}`,
    summary: summarize(
      runs.map((run) => run.marks[index + 1]!.atMs - run.marks[index]!.atMs),
    ),
  }));
}

/** Summarizes the totals and every part over the runs. */
export function summarizeRuns(runs: TimedRun[]): {
  total: Summary;
  parts: Record<string, Summary>;
  steps: StepSummary[];
} {
  const partNames = Object.keys(runs[0]?.parts ?? {});
  return {
    total: summarize(runs.map((run) => run.totalMs)),
    parts: Object.fromEntries(
      partNames.map((name) => [
        name,
        summarize(runs.map((run) => run.parts[name]!)),
      ]),
    ),
    steps: summarizeSteps(runs),
  };
}
