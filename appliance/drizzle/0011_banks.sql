CREATE TABLE `bank_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`bank_id` text,
	`account_number` text,
	`iban` text,
	`currency` text NOT NULL,
	`type` text,
	`csv_mapping` text,
	`import_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bank_accounts_user_idx` ON `bank_accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `bank_balances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `bank_accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_balances_account_date_kind_uq` ON `bank_balances` (`account_id`,`date`,`kind`);--> statement-breakpoint
CREATE TABLE `bank_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`stored_path` text,
	`state` text NOT NULL,
	`preview` text NOT NULL,
	`new_count` integer DEFAULT 0 NOT NULL,
	`known_count` integer DEFAULT 0 NOT NULL,
	`skipped_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`committed_at` integer,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bank_imports_user_idx` ON `bank_imports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bank_imports_state_idx` ON `bank_imports` (`state`,`expires_at`);--> statement-breakpoint
CREATE TABLE `bank_transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`import_id` text NOT NULL,
	`booking_date` text NOT NULL,
	`value_date` text,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`label` text NOT NULL,
	`raw_label` text NOT NULL,
	`memo` text,
	`counterparty` text,
	`type` text,
	`note` text,
	`category_id` integer,
	`category_reason` text,
	`balance_after_minor` integer,
	`import_batch_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `bank_accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_batch_id`) REFERENCES `bank_imports`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_transactions_import_id_uq` ON `bank_transactions` (`account_id`,`import_id`);--> statement-breakpoint
CREATE INDEX `bank_transactions_user_date_idx` ON `bank_transactions` (`user_id`,`booking_date`,`id`);--> statement-breakpoint
CREATE INDEX `bank_transactions_account_date_idx` ON `bank_transactions` (`account_id`,`booking_date`,`id`);