package dev.suture.core.doc;

public enum DocumentKind {
  ASSET("Asset"),
  PATCH("Patch"),
  PLAN("Plan"),
  MAINTENANCE_WINDOW("MaintenanceWindow"),
  FREEZE("Freeze"),
  NOTIFICATION_CHANNEL("NotificationChannel");

  private final String yamlName;

  DocumentKind(String yamlName) { this.yamlName = yamlName; }

  public String yamlName() { return yamlName; }

  /** The YAML names of every kind, for error messages: "Asset, Patch, Plan, ...". */
  public static String yamlNames() {
    return String.join(", ", java.util.Arrays.stream(values()).map(DocumentKind::yamlName).toList());
  }

  public static DocumentKind fromYaml(String kind) {
    for (DocumentKind k : values()) if (k.yamlName.equals(kind)) return k;
    return null;
  }
}
