// One request line in, one answer out. Every refusal is an answer with a
// code, never a crash or a stack trace: the caller is the unprivileged
// appliance, which shows the message and must learn nothing else.
import type { HelperConfig } from "../config";
import { mdnsHostname, poweroff, reboot, setHostname } from "./host-commands";
import type { PrivilegedAnswer, PrivilegedCommand } from "./protocol";
import { sambaRemoveUser, sambaSetPassword } from "./samba-commands";
import { sshDisable, sshEnable, sshStatus } from "./ssh-commands";
import { HelperRefusal, parseRequest } from "./validate";

type Handler = (args: Record<string, string>, config: HelperConfig) => Promise<string | undefined>;

const HANDLERS: Readonly<Record<PrivilegedCommand, Handler>> = {
  "samba-set-password": sambaSetPassword,
  "samba-remove-user": sambaRemoveUser,
  "set-hostname": setHostname,
  reboot,
  poweroff,
  "ssh-enable": sshEnable,
  "ssh-disable": sshDisable,
  "ssh-status": sshStatus,
  "mdns-hostname": mdnsHostname,
};

export async function answerRequest(line: string, config: HelperConfig): Promise<PrivilegedAnswer> {
  try {
    const request = parseRequest(line);
    const output = await HANDLERS[request.command](request.args, config);
    return output === undefined ? { ok: true } : { ok: true, output };
  } catch (error) {
    if (error instanceof HelperRefusal) return { ok: false, error: { code: error.code, message: error.message } };
    // An unexpected failure (a file system error...): its kind, not its details, which may name paths.
    const code = (error as NodeJS.ErrnoException).code ?? "internal";
    return { ok: false, error: { code: "internal", message: `The helper failed (${code}).` } };
  }
}
