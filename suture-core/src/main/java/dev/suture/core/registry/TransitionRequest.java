package dev.suture.core.registry;


/**
 * One requested move of a registry record. {@code edits} (draft fields) and {@code ref} (a fresh
 * copy of the Patch document, taken when proposing) are optional; {@code expectedVersion}, when
 * given, makes the move fail if someone else changed the record since the caller read it.
 */
public record TransitionRequest(PatchStatus to, String note, PatchFields edits, PatchRef ref, Long expectedVersion) {
  public TransitionRequest {
    if (to == null) throw InvalidFieldsException.of("to", "is required");
    note = note == null ? "" : note;
    edits = edits == null ? PatchFields.EMPTY : edits;
  }

  public static TransitionRequest to(PatchStatus to, String note) { return new TransitionRequest(to, note, null, null, null); }
}
