export { authGuard, signedIn, type RouteKey } from "./auth.guard";
export { AuthRepository } from "./auth.repository";
export { AUTH_PUBLIC_ROUTES, authRoutes } from "./auth.routes";
export { AuthService, type Authenticated, type ClientInfo } from "./auth.service";
export { LoginThrottle, DEFAULT_THROTTLE, type ThrottleSettings } from "./login-throttle";
export { createArgon2Hasher, type PassphraseHasher } from "./passphrase-hasher";
export type { UserRow } from "./auth.schema";
