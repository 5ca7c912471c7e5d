export { SharesRepository } from "./shares.repository";
export { SHARES_PUBLIC_ROUTES, sharesRoutes } from "./shares.routes";
export { SharesService } from "./shares.service";
