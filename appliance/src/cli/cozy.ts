#!/usr/bin/env bun
// `cozy`: the admin command line, for headless people and for recovery by
// someone with physical access to the box.
import { ConfigError, loadConfig, type Config } from "../config";
import { appPassword } from "./app-password.commands";
import { banks } from "./banks.commands";
import { EXIT, explain, resetPassphrase, setup, status, type Flags } from "./commands";
import { search } from "./search.commands";

const USAGE = `usage: cozy <command> [options]

commands:
  status                                      version, data folder, owner, whether the service runs
  setup --name NAME --passphrase-file FILE    create the owner (only while none exists)
  reset-passphrase [--name NAME]              set a new passphrase (asked twice) and end every session
  app-password create NAME [--user NAME]      create a device's WebDAV password; prints it, once, on stdout
  app-password list [--user NAME]             list app passwords: id, name, created, last used
  app-password revoke ID [--user NAME]        revoke one app password (by default, the owner's)
  search rebuild [--user NAME]                re-index the files (one person's or everyone's) and rebuild the search index
  banks import FILE... [--account ID] [--dry-run] [--json] [--user NAME]
                                              import bank statements (OFX, QFX, QIF, CAMT.053, CSV): prints what each adds
  banks export --format csv|ofx [--account ID] [--user NAME]
                                              write the transactions to stdout

The data folder and port come from COZY_DATA_DIR and COZY_PORT, as for the service.`;

/** Options (--key value, --key=value, --flag) and the words between them; "--" ends the options. */
export function parseArgs(args: string[]): { flags: Flags; positionals: string[] } {
  const flags: Flags = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = args[i + 1];
    if (inline !== undefined) flags[key] = inline;
    else if (next !== undefined && !next.startsWith("--")) flags[key] = args[++i] ?? "";
    else flags[key] = true;
  }
  return { flags, positionals };
}

type Command = (config: Config, flags: Flags, positionals: string[]) => Promise<number>;
const COMMANDS: Record<string, Command> = { status, setup, "reset-passphrase": resetPassphrase, "app-password": appPassword, search, banks };
/** The only commands that take words besides options. */
const TAKES_WORDS = new Set(["app-password", "search", "banks"]);

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    console.error(`cozy: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { flags, positionals } = parseArgs(rest);
  if (positionals.length > 0 && !TAKES_WORDS.has(command)) {
    console.error(`cozy ${command}: unexpected argument "${positionals[0]}"`);
    return EXIT.usage;
  }
  try {
    const config = loadConfig();
    return await handler(config, flags, positionals);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return EXIT.usage;
    }
    return explain(error, command);
  }
}

process.exit(await run(process.argv.slice(2)));
