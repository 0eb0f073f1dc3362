-- Full-text index over each sample's completion and extracted code, for the viewer's search.
-- External content: the text lives once, in samples; triggers keep the index in step with it.
-- tokenchars '_' keeps identifiers such as read_all whole.
CREATE VIRTUAL TABLE `samples_fts` USING fts5(completion, code, content='samples', content_rowid='id', tokenize="unicode61 tokenchars '_'");
--> statement-breakpoint
CREATE TRIGGER `samples_fts_ai` AFTER INSERT ON `samples` BEGIN
  INSERT INTO `samples_fts`(rowid, completion, code) VALUES (new.id, new.completion, new.code);
END;
--> statement-breakpoint
CREATE TRIGGER `samples_fts_ad` AFTER DELETE ON `samples` BEGIN
  INSERT INTO `samples_fts`(`samples_fts`, rowid, completion, code) VALUES ('delete', old.id, old.completion, old.code);
END;
--> statement-breakpoint
CREATE TRIGGER `samples_fts_au` AFTER UPDATE OF completion, code ON `samples` BEGIN
  INSERT INTO `samples_fts`(`samples_fts`, rowid, completion, code) VALUES ('delete', old.id, old.completion, old.code);
  INSERT INTO `samples_fts`(rowid, completion, code) VALUES (new.id, new.completion, new.code);
END;
--> statement-breakpoint
-- Index the samples stored before this migration.
INSERT INTO `samples_fts`(`samples_fts`) VALUES ('rebuild');
