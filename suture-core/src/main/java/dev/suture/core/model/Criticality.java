package dev.suture.core.model;

public enum Criticality { LOW, MEDIUM, HIGH, CRITICAL }
