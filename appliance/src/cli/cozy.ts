#!/usr/bin/env bun
// `cozy`: the admin command line, for headless people and for recovery by
// someone with physical access to the box.
import { ConfigError, loadConfig } from "../config";
import { EXIT, explain, resetPassphrase, setup, status, type Flags } from "./commands";

const USAGE = `usage: cozy <command> [options]

commands:
  status                                      version, data folder, owner, whether the service runs
  setup --name NAME --passphrase-file FILE    create the owner (only while none exists)
  reset-passphrase [--name NAME]              set a new passphrase (asked twice) and end every session

The data folder and port come from COZY_DATA_DIR and COZY_PORT, as for the service.`;

export function parseFlags(args: string[]): Flags | string {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("--")) return `unexpected argument "${arg}"`;
    const [key, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = args[i + 1];
    if (inline !== undefined) flags[key] = inline;
    else if (next !== undefined && !next.startsWith("--")) flags[key] = args[++i] ?? "";
    else flags[key] = true;
  }
  return flags;
}

const COMMANDS = { status, setup, "reset-passphrase": resetPassphrase } as const;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (!(command in COMMANDS)) {
    console.error(`cozy: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  const flags = parseFlags(rest);
  if (typeof flags === "string") {
    console.error(`cozy ${command}: ${flags}`);
    return EXIT.usage;
  }
  try {
    const config = loadConfig();
    return await COMMANDS[command as keyof typeof COMMANDS](config, flags);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return EXIT.usage;
    }
    return explain(error, command);
  }
}

process.exit(await run(process.argv.slice(2)));
