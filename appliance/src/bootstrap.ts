// Builds and starts the whole appliance from a config: db -> migrate ->
// services -> http. main.ts and the integration tests both start it here,
// so the tests run the very wiring that ships.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createApp, type CozyApp } from "./app";
import {
  AppPasswordRepository,
  AppPasswordService,
  AuthRepository,
  AuthService,
  createArgon2Hasher,
  LoginThrottle,
  type ThrottleSettings,
} from "./auth";
import { BillProposer, createBanks, type BanksCapability } from "./banks";
import { WEB_DIST_DIR, type Config } from "./config";
import { createDav } from "./dav";
import { ReachService, startAdvertising, type Advertiser } from "./discovery";
import { openDatabase, type DatabaseHandle } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import { createFiles, type FilesCapability } from "./files";
import { createJobs, fileSubjectLabels, type JobsCapability } from "./jobs";
import { createMedia, spawnTool, type MediaCapability, type ToolRunner } from "./media";
import { createPhotos } from "./photos";
import { PowerService, PrivilegedClient, privilegedSamba, SshService, type Privileged } from "./privileged";
import { createSearch, type FullTextSearch } from "./search";
import { SharesRepository, SharesService } from "./shares";
import { MAX_REQUEST_BODY_BYTES } from "./shared/http/body";
import { createHostAllowlist } from "./shared/http/host-allowlist";
import { SECURITY_HEADERS } from "./shared/http/security.plugin";
import { serveHttp } from "./shared/http/server";
import { silentLogger, type Logger } from "./shared/logger";
import { diskReader, processRunner, systemClock, type Clock, type CommandRunner, type FileReader } from "./shared/ports";
import { VERSION } from "./shared/version";
import { createSystemProbe, MetricsHistory, SystemService } from "./system";
import { assetFastRoute, UiService } from "./ui";

const DAY_MS = 86_400_000;
const SHUTDOWN_GRACE_MS = 10_000;

export interface ApplianceOptions {
  clock?: Clock;
  runner?: CommandRunner;
  files?: FileReader;
  throttle?: ThrottleSettings;
  webDistDir?: string;
  logger?: Logger;
  /** The media pipeline's external programs and deadlines (tests swap a program for one that hangs). */
  media?: { tools?: ToolRunner; toolTimeoutMs?: number; thumbnailWaitMs?: number };
  /** Banks limits (tests lower the largest statement accepted). */
  banks?: { maxImportBytes?: number };
  /** The root helper (Samba accounts, SSH, avahi's name); default: a client of COZY_PRIVILEGED_SOCKET, none in dev. */
  privileged?: Privileged;
  /** Advertise over mDNS when config.mdns is "embedded" (main.ts: yes; tests: no, they would all fill the LAN). */
  advertise?: boolean;
}

export interface Appliance {
  app: CozyApp;
  url: string;
  port: number;
  database: DatabaseHandle;
  auth: AuthService;
  appPasswords: AppPasswordService;
  files: FilesCapability;
  search: FullTextSearch;
  jobs: JobsCapability;
  media: MediaCapability;
  banks: BanksCapability;
  stop(): Promise<void>;
}

export async function openServices(config: Config, options: ApplianceOptions = {}) {
  const clock = options.clock ?? systemClock;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
  const database = await openDatabase(join(config.dataDir, "cozy.db"));
  await migrateDatabase(database.db);
  const files = createFiles({ ...config, db: database.db, clock, logger: options.logger ?? silentLogger });
  // The one queue for background work; capabilities register their kinds on it below, it starts in startAppliance.
  const jobs = createJobs({
    db: database.db,
    clock,
    logger: options.logger ?? silentLogger,
    maxTemperatureC: config.jobsMaxTempC,
    temperature: createSystemProbe(options.files ?? diskReader, options.runner ?? processRunner).temperatureCelsius,
    // Failures of "file:<id>" jobs show the file's path, to its owner only.
    labelSubject: fileSubjectLabels(async (userId, fileId) => {
      const person = await auth.findPerson(userId);
      return person ? ((await files.service.statById({ id: person.id, key: person.nameKey }, fileId))?.path ?? null) : null;
    }),
  });
  const search = createSearch({ db: database.db, clock, logger: options.logger ?? silentLogger, fileEvents: files.events });
  // One hasher (its concurrency cap bounds argon2's memory on the whole box) and
  // one throttle (one global failure budget) for the web sign-in and WebDAV alike.
  const hasher = createArgon2Hasher();
  const throttle = new LoginThrottle(clock, options.throttle);
  const users = new AuthRepository(database.db);
  const auth = new AuthService({
    repository: users,
    hasher,
    throttle,
    clock,
    policy: { idleMs: config.sessionIdleDays * DAY_MS, maxMs: config.sessionMaxDays * DAY_MS },
    prepareUserSpace: async (user) => {
      const owner = { id: user.id, key: user.nameKey };
      await files.service.prepare(owner);
      files.watcher.watch(owner);
    },
  });
  const privileged = options.privileged ?? new PrivilegedClient(config.privilegedSocket);
  const samba = privilegedSamba(privileged);
  const appPasswords = new AppPasswordService({ repository: new AppPasswordRepository(database.db), users, hasher, throttle, clock, samba });
  const shares = new SharesService({
    repository: new SharesRepository(database.db),
    files: files.service,
    hasher,
    // Its own throttle: visitors guessing link passwords must never spend the
    // global budget that guards (and can lock) the owner's own sign-in.
    throttle: new LoginThrottle(clock, options.throttle),
    clock,
    ownerOf: async (userId) => {
      const user = await auth.findPerson(userId);
      return user ? { id: user.id, key: user.nameKey } : null;
    },
  });
  const photos = createPhotos({ db: database.db, files: files.service, clock });
  const media = createMedia({
    db: database.db,
    dataDir: config.dataDir,
    tmpDir: files.disk.tmpDir,
    clock,
    logger: options.logger ?? silentLogger,
    files,
    queue: jobs,
    search,
    ownerOf: async (userId) => {
      const user = await auth.findPerson(userId);
      return user ? { id: user.id, key: user.nameKey } : null;
    },
    ...options.media,
  });
  const banks = createBanks({ db: database.db, client: database.client, dataDir: config.dataDir, clock, logger: options.logger ?? silentLogger, queue: jobs, ...options.banks });
  return { clock, database, auth, appPasswords, files, shares, photos, search, jobs, media, banks, privileged };
}

export async function startAppliance(config: Config, logger: Logger, options: ApplianceOptions = {}): Promise<Appliance> {
  const { clock, database, auth, appPasswords, files, shares, photos, search, jobs, media, banks, privileged } = await openServices(config, { ...options, logger });
  await files.start(
    async () => (await auth.people()).map((user) => ({ id: user.id, key: user.nameKey })),
    async (userId) => (await auth.findPerson(userId))?.nameKey ?? null,
  );
  search.start();
  await media.start();
  banks.start();
  await jobs.start();
  const probe = createSystemProbe(options.files ?? diskReader, options.runner ?? processRunner);
  const history = new MetricsHistory(probe, clock);
  const system = new SystemService({ probe, history, clock, version: VERSION, dataDir: config.dataDir, startedAt: clock.now() });
  const hosts = createHostAllowlist(config.publicHostnames);
  const dav = createDav({ db: database.db, files, appPasswords, hosts, logger, clock });
  const ui = new UiService(options.webDistDir ?? WEB_DIST_DIR, SECURITY_HEADERS);
  let listeningPort = 0;
  let advertiser: Advertiser | null = null;
  const reach = new ReachService({ mdns: config.mdns, privileged, clock, port: () => listeningPort, advertisedName: () => advertiser?.hostname ?? null });
  const app = createApp({
    logger,
    version: VERSION,
    hosts,
    trustProxy: config.trustProxy,
    sessionMaxSeconds: config.sessionMaxDays * 86_400,
    auth,
    appPasswords,
    system,
    ui,
    files,
    shares,
    photos,
    search,
    jobs,
    media: media.service,
    banks,
    ssh: new SshService(privileged),
    power: new PowerService(privileged, logger),
    reach,
    billProposer: new BillProposer({ files: files.service, tools: options.media?.tools ?? spawnTool, timeoutMs: options.media?.toolTimeoutMs }),
  });
  const server = serveHttp({
    handle: (request) => app.handle(request),
    port: config.port,
    hostname: config.host,
    trustProxy: config.trustProxy,
    // Uploads stream to disk with their own limits (free space, COZY_MAX_UPLOAD_GB);
    // every other route has a small limit of its own (security plugin, jsonBody).
    maxRequestBodySize: config.maxUploadBytes + MAX_REQUEST_BODY_BYTES,
    fastRoutes: { "/assets/*": assetFastRoute(ui, hosts), "/dav": dav.route, "/dav/*": dav.route },
  });
  listeningPort = server.port ?? 0;
  if (options.advertise) advertiser = startAdvertising({ mode: config.mdns, instanceName: config.mdnsName, port: listeningPort, interfaces: config.mdnsInterfaces, logger });
  history.start();
  const purge = setInterval(() => void auth.purgeExpiredSessions().catch(() => undefined), 3_600_000);
  purge.unref();
  const shownHost = ["0.0.0.0", "::"].includes(config.host) ? "localhost" : config.host;
  const stop = async () => {
    // Goodbye packets first, while the network is still there.
    await advertiser?.stop();
    history.stop();
    files.stop();
    media.stop();
    banks.stop();
    // Before the server: closes the live event streams (they would hold the server open) and lets running jobs go.
    await jobs.stop();
    clearInterval(purge);
    // Stop accepting, let requests in flight finish, but not forever.
    // The timer is deliberately not unref'd: it keeps the process alive while
    // requests finish (an open connection of a stopped server does not).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
    await Promise.race([server.stop(false), timeout]);
    clearTimeout(timer);
    await server.stop(true);
    await search.stop();
    database.close();
  };
  return { app, url: `http://${shownHost}:${server.port}`, port: server.port ?? 0, database, auth, appPasswords, files, search, jobs, media, banks, stop };
}
