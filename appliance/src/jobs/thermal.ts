// Heavy work (image and video decoding) pauses while the SoC is too hot: a
// Raspberry Pi throttles its own clock from 80 °C on, and a box in a closed
// cupboard must not cook itself working through 50,000 photos.
import type { Logger } from "../shared/logger";
import type { Clock } from "../shared/ports";
import { thermalPaused } from "./jobs.policy";

/** Reads the SoC temperature in °C; null when the machine has no sensor. */
export type TemperatureReader = () => Promise<number | null>;

export class ThermalGate {
  private paused = false;
  private celsius: number | null = null;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly read: TemperatureReader,
    readonly maxC: number,
    /** A reading is reused this long (reading spawns nothing, but every claim asking would still be wasteful). */
    readonly checkMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onChange: () => void,
  ) {}

  /** Whether heavy jobs must wait now; reads the sensor again when the last reading is old. */
  async isPaused(): Promise<boolean> {
    if (this.clock.now() - this.readAt >= this.checkMs) {
      this.reading ??= this.refresh().finally(() => (this.reading = null));
      await this.reading;
    }
    return this.paused;
  }

  /** The last decision and reading, for the summary. */
  get state(): { paused: boolean; celsius: number | null } {
    return { paused: this.paused, celsius: this.celsius };
  }

  private async refresh(): Promise<void> {
    const celsius = await this.read().catch(() => null);
    this.readAt = this.clock.now();
    this.celsius = celsius;
    const paused = thermalPaused(this.paused, celsius, this.maxC);
    if (paused === this.paused) return;
    this.paused = paused;
    const message = paused ? "heavy jobs paused: the SoC is too hot" : "heavy jobs resumed: the SoC cooled down";
    this.logger.warn(message, { celsius, maxC: this.maxC });
    this.onChange();
  }
}
