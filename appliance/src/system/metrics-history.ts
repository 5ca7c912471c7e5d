// The last ten minutes of CPU load and temperature, sampled in the background
// so the chart has history the moment someone opens it. A fixed-size ring:
// memory use never grows.
import type { Clock } from "../shared/ports";
import type { MetricSample } from "./system.model";

export interface MetricsSource {
  loadPercent(): Promise<number | null>;
  temperatureCelsius(): Promise<number | null>;
}

export class MetricsHistory {
  private readonly samples: MetricSample[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  readonly capacity: number;

  constructor(
    private readonly source: MetricsSource,
    private readonly clock: Clock,
    readonly intervalMs = 5_000,
    readonly windowMs = 600_000,
  ) {
    this.capacity = Math.ceil(windowMs / intervalMs);
  }

  start(): void {
    if (this.timer) return;
    void this.sample();
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sample(): Promise<MetricSample> {
    const [loadPercent, temperatureCelsius] = await Promise.all([
      this.source.loadPercent().catch(() => null),
      this.source.temperatureCelsius().catch(() => null),
    ]);
    const sample = { t: this.clock.now(), loadPercent, temperatureCelsius };
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
    return sample;
  }

  latest(): MetricSample | null {
    return this.samples.at(-1) ?? null;
  }

  /** Samples within the window, oldest first. */
  list(): MetricSample[] {
    const since = this.clock.now() - this.windowMs;
    return this.samples.filter((sample) => sample.t >= since);
  }
}
