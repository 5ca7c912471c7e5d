CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`payload` text DEFAULT 'null' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`run_after` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_queued_subject_idx` ON `jobs` (`kind`,`subject`) WHERE state = 'queued';--> statement-breakpoint
CREATE INDEX `jobs_state_due_idx` ON `jobs` (`state`,`priority`,`run_after`);--> statement-breakpoint
CREATE INDEX `jobs_kind_state_idx` ON `jobs` (`kind`,`state`,`finished_at`);