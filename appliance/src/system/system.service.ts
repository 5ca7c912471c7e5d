import { hostname, loadavg, networkInterfaces, uptime } from "node:os";
import type { Clock } from "../shared/ports";
import type { MetricsHistory } from "./metrics-history";
import type { SystemProbe } from "./system-probe";
import type { SystemInfo } from "./system.model";

export interface SystemDeps {
  probe: SystemProbe;
  history: MetricsHistory;
  clock: Clock;
  version: string;
  dataDir: string;
  startedAt: number;
}

function listNetwork(): SystemInfo["network"] {
  return Object.entries(networkInterfaces()).flatMap(([name, infos]) => {
    const external = (infos ?? []).filter((info) => !info.internal);
    if (external.length === 0) return [];
    return [
      {
        name,
        mac: external[0]?.mac ?? "",
        addresses: external.map((info) => ({ address: info.address, family: info.family })),
      },
    ];
  });
}

export class SystemService {
  constructor(private readonly deps: SystemDeps) {}

  health() {
    return { status: "ok" as const, version: this.deps.version };
  }

  async info(): Promise<SystemInfo> {
    const { probe, history, clock, dataDir } = this.deps;
    const [deviceModel, cpu, memory, disk, throttling, temperature] = await Promise.all([
      probe.deviceModel().catch(() => null),
      probe.cpu().catch(() => ({ model: "Unknown CPU", cores: navigator.hardwareConcurrency })),
      probe.memory(),
      probe.disk(dataDir),
      probe.throttling().catch(() => null),
      probe.temperatureCelsius().catch(() => null),
    ]);
    const latest = history.latest() ?? (await history.sample());
    return {
      version: this.deps.version,
      hostname: hostname(),
      uptime: { systemSeconds: Math.round(uptime()), serviceSeconds: Math.round((clock.now() - this.deps.startedAt) / 1000) },
      device: deviceModel ? { model: deviceModel, source: "device-tree" } : { model: cpu.model, source: "cpu" },
      cpu: { ...cpu, loadPercent: latest.loadPercent, loadAverage: loadavg().map((n) => Math.round(n * 100) / 100) },
      temperature: { celsius: temperature },
      throttling,
      memory,
      disk: disk ? { path: dataDir, ...disk } : null,
      network: listNetwork(),
    };
  }

  metrics() {
    const { history } = this.deps;
    return { intervalSeconds: history.intervalMs / 1000, windowSeconds: history.windowMs / 1000, samples: history.list() };
  }
}
