// Each person's files live as plain files under <data>/files/<user>/ (DESIGN
// decision 1 and 3). The folder is named after the person's lower-cased user
// name so that the tree stays readable on a dead appliance's card.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

export function userFilesDir(dataDir: string, nameKey: string): string {
  return join(dataDir, "files", nameKey);
}

export async function createUserFolder(dataDir: string, nameKey: string): Promise<string> {
  const dir = userFilesDir(dataDir, nameKey);
  await mkdir(dir, { recursive: true, mode: 0o750 });
  return dir;
}
