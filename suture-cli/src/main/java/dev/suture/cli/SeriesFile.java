package dev.suture.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A metric series exported to a file: one number per line; blank lines and # comments ignored; NaN allowed. */
final class SeriesFile {

    private SeriesFile() {}

    static double[] read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        double[] values = new double[lines.size()];
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            values[count++] = parse(line, file, i + 1);
        }
        return java.util.Arrays.copyOf(values, count);
    }

    private static double parse(String text, Path file, int line) {
        if (text.equalsIgnoreCase("nan")) {
            return Double.NaN; // a scrape with no value; the --nan strategy decides what it means
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new CliException(ExitCodes.USAGE, file + ":" + line + ": not a number: " + text);
        }
    }
}
