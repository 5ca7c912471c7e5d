// Samba's side of SMB app passwords, through the privileged helper (the
// reasoning for one Samba account per computer is in auth's app-passwords.service.ts).
import type { SambaAccounts } from "../auth";
import type { Privileged } from "./client";

export function privilegedSamba(privileged: Privileged): SambaAccounts {
  return {
    get available() {
      return privileged.available;
    },
    async set(account, personKey, password) {
      await privileged.run("samba-set-password", { user: account, person: personKey, password });
    },
    async remove(account) {
      await privileged.run("samba-remove-user", { user: account });
    },
  };
}
