import type { Metrics } from '../api';
import { t } from '../i18n';
import { formatCelsius, formatPercent } from '../lib/format';
import { LineChart, type Point } from './LineChart';

function summary(points: Point[], format: (v: number) => string): string {
  const known = points.map((p) => p.v).filter((v): v is number => v !== null);
  if (!known.length) return t('system.chartEmpty');
  return t('system.chartSummary', { current: format(known[known.length - 1]!), peak: format(Math.max(...known)) });
}

/** A scale in steps of 10 °C around the readings, at least 20 °C tall. */
function temperatureScale(points: Point[]): { min: number; max: number; ticks: number[] } {
  const known = points.map((p) => p.v).filter((v): v is number => v !== null);
  let min = Math.floor((Math.min(...known) - 5) / 10) * 10;
  let max = Math.ceil((Math.max(...known) + 5) / 10) * 10;
  if (max - min < 20) max = min + 20;
  min = Math.max(min, -40);
  max = Math.min(max, 120);
  const step = max - min > 60 ? 20 : 10;
  const ticks: number[] = [];
  for (let v = min; v <= max; v += step) ticks.push(v);
  return { min, max, ticks };
}

const CPU_TICKS = [0, 25, 50, 75, 100];

/** Processor load and, where the hardware reports it, temperature over the last window. */
export function MetricsCharts({ metrics }: { metrics: Metrics }) {
  const { samples, windowSeconds, intervalSeconds } = metrics;
  // The server's own clock sets the window, so a box whose clock differs from
  // the browser's still draws its samples in place.
  const end = samples.length ? samples[samples.length - 1]!.t : Date.now();
  const start = end - windowSeconds * 1000;
  const maxGapMs = intervalSeconds * 1000 * 3;
  const load: Point[] = samples.map((s) => ({ t: s.t, v: s.loadPercent }));
  const temperature: Point[] = samples.map((s) => ({ t: s.t, v: s.temperatureCelsius }));
  const hasTemperature = temperature.some((p) => p.v !== null);
  const scale = hasTemperature ? temperatureScale(temperature) : null;
  const common = { start, end, maxGapMs };
  return (
    <>
      <div class="charts">
        <LineChart
          {...common}
          title={t('system.cpuChart')}
          desc={t('system.cpuChartDesc')}
          summary={summary(load, (v) => formatPercent(v))}
          points={load}
          yMin={0}
          yMax={100}
          yTicks={CPU_TICKS}
          formatY={(v) => formatPercent(v)}
        />
        {scale && (
          <LineChart
            {...common}
            tone="warm"
            title={t('system.tempChart')}
            desc={t('system.tempChartDesc')}
            summary={summary(temperature, formatCelsius)}
            points={temperature}
            yMin={scale.min}
            yMax={scale.max}
            yTicks={scale.ticks}
            formatY={(v) => formatCelsius(v)}
          />
        )}
      </div>
      {samples.length < 3 && <p class="muted small">{t('system.chartFilling', { seconds: intervalSeconds })}</p>}
    </>
  );
}
