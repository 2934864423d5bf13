package dev.suture.cli;

import dev.suture.core.judge.Classification;
import dev.suture.core.judge.Direction;
import dev.suture.core.judge.EffectSizeMeasure;
import dev.suture.core.judge.MetricJudge;
import dev.suture.core.judge.MetricResult;
import dev.suture.core.judge.MetricSpec;
import dev.suture.core.judge.NanStrategy;
import dev.suture.core.judge.OutlierStrategy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `suture analyze canary`: the canary judge offline, on exported data. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Judge exported measurements offline.",
        subcommands = {AnalyzeCommand.Canary.class})
public final class AnalyzeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "canary", mixinStandardHelpOptions = true,
            description = {"Compare a canary series with a baseline series as the rollout judge does",
                    "(Mann-Whitney 98% interval, tolerance 0.25 x |estimate|, effect size; see docs/judge.md).",
                    "Files hold one number per line; blank lines and # comments are ignored; NaN is allowed."},
            footerHeading = "%nExit codes:%n",
            footer = {"  0  Pass", "  2  High, Low, Nodata or NodataFailMetric", "  64 bad command line or input file"})
    static final class Canary implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--control", required = true, paramLabel = "FILE", description = "Baseline series.")
        Path control;

        @Option(names = "--experiment", required = true, paramLabel = "FILE", description = "Canary series.")
        Path experiment;

        @Option(names = "--direction", defaultValue = "either", paramLabel = "D",
                description = "increase, decrease or either (default: ${DEFAULT-VALUE}).")
        Direction direction;

        @Option(names = "--critical", description = "Critical metric: a failure fails the whole canary.")
        boolean critical;

        @Option(names = "--must-have-data", description = "Missing data fails the metric (NodataFailMetric).")
        boolean mustHaveData;

        @Option(names = "--nan", defaultValue = "remove", paramLabel = "S",
                description = "remove or replace (with 0) NaN values (default: ${DEFAULT-VALUE}).")
        NanStrategy nan;

        @Option(names = "--outliers", defaultValue = "keep", paramLabel = "S",
                description = "keep or remove IQR outliers (default: ${DEFAULT-VALUE}).")
        OutlierStrategy outliers;

        @Option(names = "--effect-size", defaultValue = "mean_ratio", paramLabel = "M",
                description = "mean_ratio or cles (default: ${DEFAULT-VALUE}).")
        EffectSizeMeasure effectSize;

        @Option(names = "--allowed-increase", paramLabel = "R",
                description = "Effect size at or above which a significant rise is High (default 1.0, cles 0.5).")
        Double allowedIncrease;

        @Option(names = "--allowed-decrease", paramLabel = "R",
                description = "Effect size at or below which a significant drop is Low (default 1.0, cles 0.5).")
        Double allowedDecrease;

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            MetricResult result = MetricJudge.classify(spec(), SeriesFile.read(control), SeriesFile.read(experiment));
            String text = output.json() ? CanaryReport.json(result) : CanaryReport.text(result);
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return result.classification() == Classification.PASS ? ExitCodes.OK : ExitCodes.ROLLOUT_FAILED;
        }

        private MetricSpec spec() {
            double neutral = effectSize.neutral();
            try {
                MetricSpec base = MetricSpec.defaults(metricName()).withDirection(direction)
                        .withData(nan, outliers, mustHaveData)
                        .withEffectSize(effectSize, allowedIncrease == null ? neutral : allowedIncrease,
                                allowedDecrease == null ? neutral : allowedDecrease);
                return critical ? base.asCritical(neutral, neutral) : base;
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "suture analyze canary: " + e.getMessage());
            }
        }

        private String metricName() {
            Path name = experiment.getFileName();
            return name == null ? "metric" : name.toString();
        }
    }
}
