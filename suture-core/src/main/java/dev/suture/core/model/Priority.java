package dev.suture.core.model;

public enum Priority { EMERGENCY, HIGH, ROUTINE }
