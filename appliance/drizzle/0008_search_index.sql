-- The full-text index of search_documents (drizzle has no FTS5 table type, so
-- this migration is written by hand). External content: the text lives once, in
-- search_documents; the index holds only tokens, and snippet()/highlight() read
-- the text back through the view search_content (which adds the folder of a
-- path, indexed apart from the name so a name match ranks above a folder match).
-- unicode61 remove_diacritics 2: "ete" finds "été", "noel" finds "Noël".
-- prefix '2 3': as-you-type queries ("fa" -> "facture") read a prefix index
-- instead of walking every term.
CREATE VIEW `search_content` AS
SELECT `id`, `title`, coalesce(rtrim(`path`, replace(`path`, '/', '')), '') AS `folder`, `body`, `meta`
FROM `search_documents`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`title`, `folder`, `body`, `meta`,
	content = 'search_content', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `search_documents_ai` AFTER INSERT ON `search_documents` BEGIN
	INSERT INTO `search_index` (rowid, `title`, `folder`, `body`, `meta`)
	VALUES (new.`id`, new.`title`, coalesce(rtrim(new.`path`, replace(new.`path`, '/', '')), ''), new.`body`, new.`meta`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_ad` AFTER DELETE ON `search_documents` BEGIN
	INSERT INTO `search_index` (`search_index`, rowid, `title`, `folder`, `body`, `meta`)
	VALUES ('delete', old.`id`, old.`title`, coalesce(rtrim(old.`path`, replace(old.`path`, '/', '')), ''), old.`body`, old.`meta`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_au` AFTER UPDATE OF `title`, `path`, `body`, `meta` ON `search_documents` BEGIN
	INSERT INTO `search_index` (`search_index`, rowid, `title`, `folder`, `body`, `meta`)
	VALUES ('delete', old.`id`, old.`title`, coalesce(rtrim(old.`path`, replace(old.`path`, '/', '')), ''), old.`body`, old.`meta`);
	INSERT INTO `search_index` (rowid, `title`, `folder`, `body`, `meta`)
	VALUES (new.`id`, new.`title`, coalesce(rtrim(new.`path`, replace(new.`path`, '/', '')), ''), new.`body`, new.`meta`);
END;
