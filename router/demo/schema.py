"""The hero_books SQLite schema: tables, the FTS5 index over chapters and the triggers feeding it."""

__all__ = ["SCHEMA"]

# The FTS table holds no text of its own (content='chapters'); the triggers keep it in step.
# unicode61 folds case and accents ("Résumé" matches "resume"); porter matches "node" to "nodes".
SCHEMA = """
PRAGMA journal_mode = WAL;

CREATE TABLE IF NOT EXISTS workspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS books (
    id INTEGER PRIMARY KEY,
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (workspace_id, name)
);

CREATE TABLE IF NOT EXISTS chapters (
    id INTEGER PRIMARY KEY,
    book_id INTEGER NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (book_id, idx)
);

CREATE TABLE IF NOT EXISTS tags (
    book_id INTEGER NOT NULL REFERENCES books(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (book_id, position)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS chapters_fts USING fts5(
    title, text, content = 'chapters', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS chapters_fts_insert AFTER INSERT ON chapters BEGIN
    INSERT INTO chapters_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER IF NOT EXISTS chapters_fts_delete AFTER DELETE ON chapters BEGIN
    INSERT INTO chapters_fts (chapters_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER IF NOT EXISTS chapters_fts_update AFTER UPDATE ON chapters BEGIN
    INSERT INTO chapters_fts (chapters_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO chapters_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""
