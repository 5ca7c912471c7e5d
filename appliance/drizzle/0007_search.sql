CREATE TABLE `search_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`user_id` integer NOT NULL,
	`file_id` integer,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`path` text,
	`body` text DEFAULT '' NOT NULL,
	`meta` text DEFAULT '' NOT NULL,
	`date` integer,
	`described` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_ref_unique` ON `search_documents` (`ref`);--> statement-breakpoint
CREATE INDEX `search_documents_user_kind_idx` ON `search_documents` (`user_id`,`kind`);--> statement-breakpoint
CREATE INDEX `search_documents_user_path_idx` ON `search_documents` (`user_id`,`path`);--> statement-breakpoint
CREATE INDEX `search_documents_file_idx` ON `search_documents` (`file_id`);