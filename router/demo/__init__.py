"""The hero_books demo service: a real JSON-RPC service over SQLite for the router to discover."""
