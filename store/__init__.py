"""quorum's domain: records, their rules, and their persistence on TinyDB."""
