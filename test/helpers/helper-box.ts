// An appliance whose privileged helper runs behind a real socket (recording
// stand-ins for the programs that would change this machine), with an owner
// and a member signed in: the setting of the Settings -> SSH and Restart tests.
import { PrivilegedClient } from "../../appliance/src/privileged";
import { addMember, setupOwner, startTestAppliance, type TestAppliance } from "./appliance";
import { startSandboxedHelper, type HelperSandbox } from "./privileged";

export interface HelperBox {
  box: TestAppliance;
  sandbox: HelperSandbox;
  /** Session cookies. */
  owner: string;
  member: string;
  dispose(): Promise<void>;
}

export async function startHelperBox(): Promise<HelperBox> {
  const helper = await startSandboxedHelper();
  const box = await startTestAppliance({ privileged: new PrivilegedClient(helper.helper.socketPath) });
  const owner = await setupOwner(box.base);
  const member = await addMember(box);
  return {
    box,
    sandbox: helper.sandbox,
    owner,
    member,
    async dispose() {
      await box.dispose();
      await helper.stop();
    },
  };
}
