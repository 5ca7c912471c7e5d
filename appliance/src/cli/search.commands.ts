// `cozy search rebuild [--user NAME]`: recovery for the search index. It
// re-reads the files table (and, for everyone, regenerates the FTS5 index
// from its documents), so a damaged or stale index is repaired without
// touching anyone's files. Safe while the service runs (SQLite WAL).
import type { Config } from "../config";
import { EXIT, explain, withServices, type Flags } from "./commands";

export const SEARCH_USAGE = `usage: cozy search rebuild [--user NAME]
Re-indexes one person's files (--user) or everyone's, and rebuilds the full-text index.`;

function usage(problem: string): number {
  console.error(`cozy search: ${problem}\n\n${SEARCH_USAGE}`);
  return EXIT.usage;
}

export async function search(config: Config, flags: Flags, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "rebuild") return usage(action ? `unknown action "${action}"` : "say what to do");
  if (rest.length > 0) return usage("rebuild takes no argument");
  const unknown = Object.keys(flags).filter((flag) => flag !== "user");
  if (unknown.length > 0) return usage(`unknown option --${unknown[0]}`);
  if (flags.user === true || flags.user === "") return usage("--user needs a name");
  const userName = typeof flags.user === "string" ? flags.user : null;
  try {
    return await withServices(config, async ({ auth, search: index }) => {
      const person = userName === null ? null : (await auth.people()).find((user) => user.nameKey === userName.toLowerCase());
      if (userName !== null && !person) {
        console.error(`cozy search rebuild: nobody is called ${userName}.`);
        return EXIT.refused;
      }
      await index.rebuild(person?.id);
      await index.stop();
      console.log(person ? `The search index of ${person.name}'s files is rebuilt.` : "The search index is rebuilt for everyone.");
      return EXIT.ok;
    });
  } catch (error) {
    return explain(error, "search rebuild");
  }
}
