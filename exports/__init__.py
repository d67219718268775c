"""Pure renderers: records in, text or bytes out. No database, no clock, no files."""
