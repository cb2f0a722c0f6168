-- B-6: trigram indexes for the corporate registry's partial-name search (PGlite loads pg_trgm from its contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
