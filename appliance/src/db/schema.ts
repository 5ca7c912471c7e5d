// Barrel of every capability's tables, for drizzle-kit and the db client.
export * from "../auth/auth.schema";
export * from "../files/files.schema";
export * from "../shares/shares.schema";
export * from "../media/media.schema";
export * from "../jobs/jobs.schema";
export * from "../photos/photos.schema";
export * from "../search/search.schema";
export * from "../banks/banks.schema";
export * from "../banks/banks-categories.schema";
export * from "../banks/banks-bills.schema";
export * from "../banks/linking/linking.schema";
