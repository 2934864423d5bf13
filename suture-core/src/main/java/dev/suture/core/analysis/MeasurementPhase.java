package dev.suture.core.analysis;

/**
 * Outcome of one measurement, as in Argo Rollouts: SUCCESSFUL and FAILED are readings that met the
 * success or failure condition, INCONCLUSIVE met neither, ERROR means the source could not be read.
 */
public enum MeasurementPhase { SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR }
