package dev.suture.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.suture.core.judge.MannWhitneyResult;
import dev.suture.core.judge.MetricResult;
import dev.suture.core.judge.SeriesStats;
import java.util.Locale;

/** Prints a metric verdict with all of its working, as text or JSON. */
final class CanaryReport {

    private CanaryReport() {}

    static String text(MetricResult r) {
        StringBuilder b = new StringBuilder();
        b.append("classification: ").append(label(r)).append(r.criticalFailure() ? " (critical failure)" : "")
                .append('\n');
        b.append("reason:         ").append(r.reason()).append('\n');
        b.append("baseline:       ").append(stats(r.control())).append('\n');
        b.append("canary:         ").append(stats(r.experiment())).append('\n');
        MannWhitneyResult t = r.test();
        if (t != null) {
            b.append(String.format(Locale.ROOT, "interval (98%%): [%s, %s] for canary - baseline%n", num(t.lower()),
                    num(t.upper())));
            b.append("estimate:       ").append(num(t.estimate())).append('\n');
            b.append("tolerance:      +/-").append(num(r.tolerance())).append(" (0.25 x |estimate|)\n");
            b.append(String.format(Locale.ROOT, "mann-whitney:   W = %s, p = %s%n", num(t.statistic()),
                    num(t.pValue())));
            b.append("effect size:    ").append(num(r.effectSize())).append(" (")
                    .append(r.effectSizeMeasure().name().toLowerCase(Locale.ROOT)).append(")\n");
        } else {
            b.append("test:           not run\n");
        }
        r.warnings().forEach(w -> b.append("warning:        ").append(w).append('\n'));
        return b.toString();
    }

    static String json(MetricResult r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("metric", r.name());
        root.put("classification", label(r));
        root.put("reason", r.reason());
        root.put("critical", r.critical());
        root.put("criticalFailure", r.criticalFailure());
        statsNode(root.putObject("control"), r.control());
        statsNode(root.putObject("experiment"), r.experiment());
        MannWhitneyResult t = r.test();
        if (t != null) {
            ObjectNode test = root.putObject("mannWhitney");
            test.put("confidenceLevel", t.confidenceLevel());
            test.put("lower", t.lower());
            test.put("upper", t.upper());
            test.put("estimate", t.estimate());
            test.put("statistic", t.statistic());
            test.put("pValue", t.pValue());
            root.put("tolerance", r.tolerance());
            root.put("effectSize", r.effectSize());
        } else {
            root.putNull("mannWhitney");
            root.putNull("tolerance");
            root.putNull("effectSize");
        }
        root.put("effectSizeMeasure", r.effectSizeMeasure().name().toLowerCase(Locale.ROOT));
        r.warnings().forEach(root.putArray("warnings")::add);
        if (r.warnings().isEmpty()) {
            root.putArray("warnings");
        }
        return Json.compact(root) + "\n";
    }

    /** Kayenta's spelling: Pass, High, Low, Nodata, NodataFailMetric. */
    static String label(MetricResult r) {
        switch (r.classification()) {
            case PASS:
                return "Pass";
            case HIGH:
                return "High";
            case LOW:
                return "Low";
            case NODATA:
                return "Nodata";
            default:
                return "NodataFailMetric";
        }
    }

    private static void statsNode(ObjectNode node, SeriesStats s) {
        node.put("count", s.count());
        if (s.count() == 0) {
            node.putNull("mean");
            node.putNull("median");
            return;
        }
        node.put("mean", s.mean());
        node.put("median", s.median());
        node.put("min", s.min());
        node.put("max", s.max());
    }

    private static String stats(SeriesStats s) {
        if (s.count() == 0) {
            return "0 points";
        }
        return String.format(Locale.ROOT, "%d points, mean %s, median %s, min %s, max %s", s.count(), num(s.mean()),
                num(s.median()), num(s.min()), num(s.max()));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.6g", v);
    }
}
