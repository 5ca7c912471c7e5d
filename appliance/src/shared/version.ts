import pkg from "../../../package.json" with { type: "json" };

/** The appliance's version, from the one package.json. */
export const VERSION: string = pkg.version;
