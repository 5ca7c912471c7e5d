-- A second, small full-text index over the names (and descriptive words) of
-- the documents only. As-you-type search asks it first: its posting lists are
-- a fraction of the full index's (no folder, no extracted text), so ranking
-- every name that matches stays cheap, and names come before matches in a
-- folder or a text. External content straight from search_documents, kept by
-- triggers like search_index.
CREATE VIRTUAL TABLE `search_names` USING fts5(
	`title`, `meta`,
	content = 'search_documents', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `search_names_ai` AFTER INSERT ON `search_documents` BEGIN
	INSERT INTO `search_names` (rowid, `title`, `meta`) VALUES (new.`id`, new.`title`, new.`meta`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_names_ad` AFTER DELETE ON `search_documents` BEGIN
	INSERT INTO `search_names` (`search_names`, rowid, `title`, `meta`) VALUES ('delete', old.`id`, old.`title`, old.`meta`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_names_au` AFTER UPDATE OF `title`, `meta` ON `search_documents` BEGIN
	INSERT INTO `search_names` (`search_names`, rowid, `title`, `meta`) VALUES ('delete', old.`id`, old.`title`, old.`meta`);
	INSERT INTO `search_names` (rowid, `title`, `meta`) VALUES (new.`id`, new.`title`, new.`meta`);
END;
--> statement-breakpoint
INSERT INTO `search_names` (`search_names`) VALUES ('rebuild');
