CREATE TABLE `bank_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`parent_id` integer,
	`key` text,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_categories_key_uq` ON `bank_categories` (`key`);--> statement-breakpoint
CREATE INDEX `bank_categories_user_idx` ON `bank_categories` (`user_id`);--> statement-breakpoint
CREATE TABLE `bank_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`pattern` text NOT NULL,
	`sign` text,
	`category_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `bank_categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bank_rules_user_idx` ON `bank_rules` (`user_id`);--> statement-breakpoint
CREATE TABLE `bank_bill_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bill_id` integer NOT NULL,
	`transaction_id` integer NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`score` integer,
	`explanation` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bank_bills`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`transaction_id`) REFERENCES `bank_transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_bill_links_uq` ON `bank_bill_links` (`bill_id`,`transaction_id`,`role`);--> statement-breakpoint
CREATE INDEX `bank_bill_links_transaction_idx` ON `bank_bill_links` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `bank_bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`file_id` integer,
	`vendor` text NOT NULL,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`original_amount_minor` integer,
	`original_date` text,
	`source` text NOT NULL,
	`source_ref` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bank_bills_user_date_idx` ON `bank_bills` (`user_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `bank_bills_source_ref_uq` ON `bank_bills` (`user_id`,`source`,`source_ref`);--> statement-breakpoint
ALTER TABLE `bank_transactions` ADD `category_source` text;