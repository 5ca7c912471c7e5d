// The appliance's surface of the privileged helper (the helper program itself is helper.ts, bundled on its own).
export { PrivilegedClient, PrivilegedCommandError, PrivilegedTimeoutError, PrivilegedUnavailableError, type Privileged } from "./client";
export { privilegedRoutes, sshStatusDto } from "./privileged.routes";
export { PRIVILEGED_COMMANDS, type PrivilegedCommand } from "./protocol";
export { privilegedSamba } from "./samba-accounts";
export { SshService, type SshStatus } from "./ssh.service";
export { SAMBA_USER_PATTERN } from "./validate";
export { powerRoutes } from "./power.routes";
export { PowerService, type PowerAction, type PowerStatus } from "./power.service";
