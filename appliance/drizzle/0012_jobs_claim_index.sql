DROP INDEX `jobs_state_due_idx`;--> statement-breakpoint
CREATE INDEX `jobs_claim_idx` ON `jobs` (`kind`,`state`,"priority" desc,`id`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`kind`,`state`,`run_after`);