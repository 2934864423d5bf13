package dev.suture.core.rollout;

/** Operator requests, recorded durably and picked up by whichever node drives the rollout. */
public enum ControlVerb { PAUSE, RESUME, ABORT, PROMOTE }
