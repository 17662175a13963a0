package dev.cimatrix.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data cache: the commands people run most, in one JVM, so the
 * cache holds the classes of a whole scan (reading, checks, attack paths, every output) and not only those
 * of one command. Prints nothing; the cache is made from what it loaded.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=FILE -cp cimatrix.jar dev.cimatrix.cli.Training [REPO [FILES [LOGS]]]},
 * where REPO is a small repository to scan in every format (the launcher passes examples/seed-attack), FILES a
 * folder of workflow files that set off the checks (the launcher passes the checks' test fixtures) and LOGS a
 * folder of audit-log events that set off the detection rules (the launcher passes the rules' test events).
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("cimatrix-training");
        try {
            List<List<String>> commands = new ArrayList<>();
            if (args.length > 0 && Files.isDirectory(Path.of(args[0]))) {
                String dir = args[0];
                for (String format : List.of("sarif", "json", "text")) {
                    commands.add(List.of("scan", "--format", format, "--fail-on", "none", "--timings",
                            "--output", work.resolve("scan." + format).toString(), dir));
                }
                commands.add(List.of("paths", "--format", "json", "--output", work.resolve("paths.json").toString(), dir));
            }
            if (args.length > 1 && Files.isDirectory(Path.of(args[1]))) {
                // Files that each set off a check, read as workflows, so the cache holds what every check loads.
                List<String> scan = new ArrayList<>(List.of("scan", "--format", "sarif", "--fail-on", "none",
                        "--platform", "github-actions", "--output", work.resolve("checks.sarif").toString()));
                scan.addAll(files(args[1], ".yml", ".yaml"));
                commands.add(scan);
            }
            if (args.length > 2 && Files.isDirectory(Path.of(args[2]))) {
                // Every source's events through the built-in rules, with a state store of its own.
                List<String> detect = new ArrayList<>(List.of("detect", "--format", "json", "--output",
                        work.resolve("alerts.json").toString(), "--state", work.resolve("state.db").toString()));
                detect.addAll(files(args[2], ".jsonl"));
                commands.add(detect);
            }
            commands.add(List.of("matrix", "--format", "json", "--output", work.resolve("matrix.json").toString()));
            Main.startPreload();
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            for (List<String> command : commands) {
                Main.run(command.toArray(String[]::new), quiet, quiet);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The files under {@code dir} whose names end with one of {@code suffixes}, in path order. */
    private static List<String> files(String dir, String... suffixes) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            return files.map(Path::toString).filter(p -> Arrays.stream(suffixes).anyMatch(p::endsWith)).sorted()
                    .toList();
        }
    }
}
