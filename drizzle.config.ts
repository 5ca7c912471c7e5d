import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./appliance/src/db/schema.ts",
  out: "./appliance/drizzle",
});
