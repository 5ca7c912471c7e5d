export { MetricsHistory } from "./metrics-history";
export { createSystemProbe, type SystemProbe } from "./system-probe";
export { parseThrottled } from "./system.model";
export { SYSTEM_PUBLIC_ROUTES, systemRoutes } from "./system.routes";
export { SystemService } from "./system.service";
