DROP INDEX `search_documents_user_kind_idx`;--> statement-breakpoint
DROP INDEX `search_documents_user_path_idx`;