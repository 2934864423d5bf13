-- Document kinds MAINTENANCE_WINDOW and FREEZE need a kind column wider than 16 characters;
-- V5 (notification channels) already widened it to 64, so this migration only records the need.
SELECT 1;
