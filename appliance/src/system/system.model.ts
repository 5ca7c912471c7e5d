import { t } from "elysia";

export const healthDto = t.Object({ status: t.Literal("ok"), version: t.String() });

export const throttlingDto = t.Object({
  underVoltage: t.Boolean(),
  frequencyCapped: t.Boolean(),
  throttled: t.Boolean(),
  softTemperatureLimit: t.Boolean(),
  underVoltageOccurred: t.Boolean(),
  frequencyCappedOccurred: t.Boolean(),
  throttledOccurred: t.Boolean(),
  softTemperatureLimitOccurred: t.Boolean(),
});
export type Throttling = typeof throttlingDto.static;

export const systemInfoDto = t.Object({
  version: t.String(),
  hostname: t.String(),
  uptime: t.Object({ systemSeconds: t.Number(), serviceSeconds: t.Number() }),
  device: t.Object({ model: t.String(), source: t.Union([t.Literal("device-tree"), t.Literal("cpu")]) }),
  cpu: t.Object({
    model: t.String(),
    cores: t.Number(),
    loadPercent: t.Union([t.Number(), t.Null()]),
    loadAverage: t.Array(t.Number()),
  }),
  temperature: t.Object({ celsius: t.Union([t.Number(), t.Null()]) }),
  throttling: t.Union([throttlingDto, t.Null()]),
  memory: t.Object({ totalBytes: t.Number(), usedBytes: t.Number(), availableBytes: t.Number() }),
  disk: t.Union([t.Object({ path: t.String(), totalBytes: t.Number(), usedBytes: t.Number(), freeBytes: t.Number() }), t.Null()]),
  network: t.Array(
    t.Object({
      name: t.String(),
      mac: t.String(),
      addresses: t.Array(t.Object({ address: t.String(), family: t.Union([t.Literal("IPv4"), t.Literal("IPv6")]) })),
    }),
  ),
});
export type SystemInfo = typeof systemInfoDto.static;

export const metricSampleDto = t.Object({
  t: t.Number(),
  loadPercent: t.Union([t.Number(), t.Null()]),
  temperatureCelsius: t.Union([t.Number(), t.Null()]),
});
export type MetricSample = typeof metricSampleDto.static;

export const metricsDto = t.Object({
  intervalSeconds: t.Number(),
  windowSeconds: t.Number(),
  samples: t.Array(metricSampleDto),
});

/** `vcgencmd get_throttled` prints "throttled=0x50005"; the bits are documented by Raspberry Pi. */
export function parseThrottled(output: string): Throttling | null {
  const match = /throttled=0x([0-9a-f]+)/i.exec(output);
  if (!match?.[1]) return null;
  const bits = Number.parseInt(match[1], 16);
  const bit = (n: number) => (bits & (1 << n)) !== 0;
  return {
    underVoltage: bit(0),
    frequencyCapped: bit(1),
    throttled: bit(2),
    softTemperatureLimit: bit(3),
    underVoltageOccurred: bit(16),
    frequencyCappedOccurred: bit(17),
    throttledOccurred: bit(18),
    softTemperatureLimitOccurred: bit(19),
  };
}
