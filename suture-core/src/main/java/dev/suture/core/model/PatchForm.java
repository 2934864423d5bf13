package dev.suture.core.model;

public enum PatchForm { PATCH, HOTFIX, PATCHSET, BACKPORT }
