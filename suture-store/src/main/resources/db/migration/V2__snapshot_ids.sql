-- The id of the snapshot taken of each target (what a restore or delete command refers to as
-- {{snapshot.id}}). snapshot_taken stays for rows written before; new rows set both.
ALTER TABLE target_runs ADD COLUMN snapshot_id VARCHAR(255);
