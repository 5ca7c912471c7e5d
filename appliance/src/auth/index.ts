export { authGuard, signedIn, type RouteKey } from "./auth.guard";
export { AuthRepository } from "./auth.repository";
export { AUTH_PUBLIC_ROUTES, authRoutes } from "./auth.routes";
export { AuthService, type Authenticated, type ClientInfo } from "./auth.service";
export { AppPasswordRepository } from "./app-passwords.repository";
export { appPasswordRoutes } from "./app-passwords.routes";
export {
  APP_PASSWORD_NAME_MAX,
  APP_PASSWORDS_MAX,
  AppPasswordService,
  type AppPasswordDeps,
  type CreatedAppPassword,
  type SambaAccounts,
  smbAccountName,
  SmbUnavailableError,
} from "./app-passwords.service";
export { LoginThrottle, DEFAULT_THROTTLE, type ThrottleSettings } from "./login-throttle";
export { createArgon2Hasher, type PassphraseHasher } from "./passphrase-hasher";
export type { AppPasswordRow, UserRow } from "./auth.schema";
