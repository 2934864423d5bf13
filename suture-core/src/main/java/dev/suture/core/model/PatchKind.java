package dev.suture.core.model;

public enum PatchKind { SECURITY, BUGFIX, CONFIG, PERFORMANCE }
