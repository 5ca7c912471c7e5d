ALTER TABLE `app_passwords` ADD `smb_account` text;--> statement-breakpoint
CREATE UNIQUE INDEX `app_passwords_smb_account_unique` ON `app_passwords` (`smb_account`);