// Composition root: config -> db -> migrate -> services -> http.
import { startAppliance } from "./bootstrap";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./shared/logger";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // advertise: the embedded mDNS responder when no avahi runs here (COZY_MDNS, see config.ts).
  const appliance = await startAppliance(config, logger, { advertise: true });
  logger.info("started", { url: appliance.url, dataDir: config.dataDir });
  // The human-facing line goes to stderr; stdout carries only JSON log lines.
  console.error(`CozyBox is ready at ${appliance.url}`);
  // Start-up leaves garbage (parsed modules, migration work) that an idle box
  // would otherwise keep resident for a long time: a Pi has little RAM.
  setTimeout(() => Bun.gc(true), 3_000).unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    await appliance.stop();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
