export { DISCOVERY_PUBLIC_ROUTES, discoveryRoutes, reachDto } from "./discovery.routes";
export { lanAddresses, ReachService, SMB_SHARE, type ReachInfo } from "./reach.service";
export { hostLabel, startAdvertising, type Advertiser } from "./responder";
