import { useId, useRef } from 'preact/hooks';
import { formatClock } from '../lib/format';
import { useElementWidth } from '../lib/hooks';

export interface Point {
  t: number;
  v: number | null;
}

interface Props {
  title: string;
  desc: string;
  /** A short text version of the chart ("Current 12 %, peak 40 %"), shown and read out. */
  summary: string;
  points: readonly Point[];
  /** The time window shown, epoch ms. */
  start: number;
  end: number;
  yMin: number;
  yMax: number;
  yTicks: readonly number[];
  formatY: (value: number) => string;
  /** Two points further apart than this are not joined (the service was down). */
  maxGapMs: number;
  tone?: 'accent' | 'warm';
  height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 26, left: 48 };
const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60];
const MIN_TICK_SPACING_PX = 64;

/** Round clock times (every 1, 2, 5… minutes) inside the window, spaced for the width. */
function timeTicks(start: number, end: number, plotWidth: number): number[] {
  const minutes = (end - start) / 60_000;
  const step = TICK_STEPS_MIN.find((s) => (plotWidth / minutes) * s >= MIN_TICK_SPACING_PX) ?? 60;
  const stepMs = step * 60_000;
  const ticks: number[] = [];
  for (let tick = Math.ceil(start / stepMs) * stepMs; tick <= end; tick += stepMs) ticks.push(tick);
  return ticks;
}

/** Runs of consecutive known values; a null or a long gap starts a new run. */
function segments(points: readonly Point[], maxGapMs: number): Array<Array<{ t: number; v: number }>> {
  const runs: Array<Array<{ t: number; v: number }>> = [];
  let run: Array<{ t: number; v: number }> = [];
  let previous: number | null = null;
  for (const point of points) {
    if (point.v === null || (previous !== null && point.t - previous > maxGapMs)) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (point.v !== null) run.push({ t: point.t, v: point.v });
    previous = point.t;
  }
  if (run.length) runs.push(run);
  return runs;
}

/** A small, dependency-free time-series chart drawn at the element's real width. */
export function LineChart(props: Props) {
  const { title, desc, summary, points, start, end, yMin, yMax, yTicks, formatY, maxGapMs } = props;
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box, 600);
  const height = props.height ?? 180;
  const id = useId();
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const span = Math.max(1, end - start);
  const x = (t: number) => MARGIN.left + ((t - start) / span) * plotW;
  const y = (v: number) => {
    const clamped = Math.min(yMax, Math.max(yMin, v));
    return MARGIN.top + plotH - ((clamped - yMin) / (yMax - yMin || 1)) * plotH;
  };
  const runs = segments(
    points.filter((p) => p.t >= start && p.t <= end),
    maxGapMs,
  );
  const baseline = y(yMin);
  const line = (run: Array<{ t: number; v: number }>) =>
    run.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)} ${y(p.v).toFixed(1)}`).join('');
  const area = (run: Array<{ t: number; v: number }>) =>
    `${line(run)}L${x(run[run.length - 1]!.t).toFixed(1)} ${baseline}L${x(run[0]!.t).toFixed(1)} ${baseline}Z`;
  const last = runs[runs.length - 1]?.at(-1);
  const count = runs.reduce((sum, run) => sum + run.length, 0);

  return (
    <figure class={`chart chart-${props.tone ?? 'accent'}`}>
      <figcaption class="chart-caption">
        <span class="chart-title">{title}</span>
        <span class="chart-summary">{summary}</span>
      </figcaption>
      <div class="chart-box" ref={box}>
        <svg
          class="line-chart"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          data-points={count}
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{`${desc} ${summary}`}</desc>
          <g class="chart-grid" aria-hidden="true">
            {yTicks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" text-anchor="end">
                  {formatY(tick)}
                </text>
              </g>
            ))}
            {timeTicks(start, end, plotW).map((tick) => (
              <g key={tick}>
                <line class="chart-xtick" x1={x(tick)} x2={x(tick)} y1={baseline} y2={baseline + 5} />
                <text x={x(tick)} y={height - 6} text-anchor="middle">
                  {formatClock(tick)}
                </text>
              </g>
            ))}
          </g>
          <g class="chart-data" aria-hidden="true">
            {runs.map((run) => (
              <g key={run[0]!.t}>
                <path class="chart-area" d={area(run)} />
                <path class="chart-line" d={line(run)} />
              </g>
            ))}
            {last && <circle class="chart-point" cx={x(last.t)} cy={y(last.v)} r={4} />}
          </g>
        </svg>
      </div>
    </figure>
  );
}
