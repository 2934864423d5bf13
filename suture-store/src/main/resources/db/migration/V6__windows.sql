-- Document kinds MAINTENANCE_WINDOW and FREEZE: the longest kind name no longer fits 16 characters.
ALTER TABLE documents ALTER COLUMN kind SET DATA TYPE VARCHAR(32);
