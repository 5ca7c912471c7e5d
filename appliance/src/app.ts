// createApp(deps): the HTTP face of the appliance. Plugins first (errors,
// request log, security, auth guard), then each capability's routes.
import { Elysia } from "elysia";
import { apiDocsPage, apiDocsRoutes } from "./api-docs";
import { DISCOVERY_PUBLIC_ROUTES, discoveryRoutes, type ReachService } from "./discovery";
import { powerRoutes, privilegedRoutes, type PowerService, type SshService } from "./privileged";
import { BANKS_UPLOAD_PREFIX, billProposeRoutes, billsRoutes, banksRoutes, type BanksCapability, type BillProposer } from "./banks";
import { appPasswordRoutes, AUTH_PUBLIC_ROUTES, authGuard, authRoutes, type AppPasswordService, type AuthService } from "./auth";
import { filesRoutes, tusRoutes, type FilesCapability } from "./files";
import { jobsRoutes, type JobsCapability } from "./jobs";
import { mediaRoutes, type MediaService } from "./media";
import { photosRoutes, type PhotosCapability } from "./photos";
import { searchRoutes, type SearchService } from "./search";
import { SHARES_PUBLIC_ROUTES, sharesRoutes, type SharesService } from "./shares";
import { errorPlugin } from "./shared/http/error.plugin";
import type { Logger } from "./shared/logger";
import type { HostAllowlist } from "./shared/http/host-allowlist";
import { requestLogPlugin } from "./shared/http/request-log.plugin";
import { securityPlugin } from "./shared/http/security.plugin";
import { SYSTEM_PUBLIC_ROUTES, systemRoutes, type SystemService } from "./system";
import { UI_PUBLIC_ROUTES, uiRoutes, type UiService } from "./ui";

export interface AppDeps {
  logger: Logger;
  version: string;
  hosts: HostAllowlist;
  trustProxy: boolean;
  sessionMaxSeconds: number;
  auth: AuthService;
  appPasswords: AppPasswordService;
  system: SystemService;
  ui: UiService;
  files: FilesCapability;
  shares: SharesService;
  photos: PhotosCapability;
  search: SearchService;
  jobs: JobsCapability;
  media: MediaService;
  banks: BanksCapability;
  /** Settings -> SSH (owner only), through the privileged helper. */
  ssh: SshService;
  /** Settings -> System -> Restart / Shut down (owner only), through the privileged helper. */
  power: PowerService;
  /** The names and addresses the box can be reached at. */
  reach: ReachService;
  /** "This PDF is a bill": proposals read from a PDF in Drive. */
  billProposer: BillProposer;
}

/** Routes that stream large bodies to disk (they enforce free space and their own limits). */
const LARGE_BODY_PREFIXES = ["/api/files/content", "/api/files/uploads/", "/dav/", BANKS_UPLOAD_PREFIX];

export const PUBLIC_ROUTES = [...AUTH_PUBLIC_ROUTES, ...SYSTEM_PUBLIC_ROUTES, ...SHARES_PUBLIC_ROUTES, ...UI_PUBLIC_ROUTES, ...DISCOVERY_PUBLIC_ROUTES];

export function createApp(deps: AppDeps) {
  const guard = authGuard(deps.auth, PUBLIC_ROUTES);
  const app = new Elysia({
    name: "cozybox",
    // Refuse unknown body properties (422) instead of silently dropping them.
    normalize: false,
  })
    .use(errorPlugin(deps.logger))
    .use(requestLogPlugin({ logger: deps.logger }))
    .use(securityPlugin({ hosts: deps.hosts, largeBodyPrefixes: LARGE_BODY_PREFIXES }))
    .use(guard)
    .use(apiDocsRoutes(deps.version, guard))
    .use(
      authRoutes({
        service: deps.auth,
        guard,
        sessionMaxSeconds: deps.sessionMaxSeconds,
        trustProxy: deps.trustProxy,
      }),
    )
    .use(appPasswordRoutes(deps.appPasswords, guard))
    .use(systemRoutes(deps.system, guard))
    .use(discoveryRoutes(deps.reach, guard))
    .use(privilegedRoutes(deps.ssh, guard))
    .use(powerRoutes(deps.power, guard))
    .use(filesRoutes({ ...deps.files, files: deps.files.service, guard }))
    .use(tusRoutes(deps.files.uploads, deps.files.maxUploadBytes, guard))
    .use(sharesRoutes(deps.shares, guard))
    .use(photosRoutes({ ...deps.photos, guard }))
    .use(searchRoutes(deps.search, guard))
    .use(jobsRoutes(deps.jobs, guard))
    .use(mediaRoutes(deps.media, guard))
    .use(billProposeRoutes(deps.billProposer, guard))
    .use(billsRoutes({ bills: deps.banks.bills.service, links: deps.banks.bills.links, guard }))
    .use(banksRoutes({ service: deps.banks.service, imports: deps.banks.imports, categories: deps.banks.categories, stats: deps.banks.stats, guard, now: () => Date.now() }));
  // The docs page reads the finished app's document; the UI's catch-all comes last.
  return app.use(apiDocsPage(app, guard)).use(uiRoutes(deps.ui, guard));
}

export type CozyApp = ReturnType<typeof createApp>;
