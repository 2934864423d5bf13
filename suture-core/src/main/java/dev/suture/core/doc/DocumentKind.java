package dev.suture.core.doc;

public enum DocumentKind {
  ASSET("Asset"),
  PATCH("Patch"),
  PLAN("Plan"),
  NOTIFICATION_CHANNEL("NotificationChannel");

  private final String yamlName;

  DocumentKind(String yamlName) { this.yamlName = yamlName; }

  public String yamlName() { return yamlName; }

  public static DocumentKind fromYaml(String kind) {
    for (DocumentKind k : values()) if (k.yamlName.equals(kind)) return k;
    return null;
  }
}
