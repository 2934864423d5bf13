package dev.suture.core.report;

import java.util.List;

/** A report: its kind and the tables it renders to (the first is the main one). */
public interface Report {
  ReportKind kind();

  List<ReportTable> tables();
}
