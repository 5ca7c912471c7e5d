CREATE TABLE `bank_linking_state` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`transactions_seen` integer DEFAULT 0 NOT NULL,
	`bills_seen` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
