package dev.cimatrix.cli;

import dev.cimatrix.detect.Alert;
import dev.cimatrix.detect.Detector;
import dev.cimatrix.detect.EventSource;
import dev.cimatrix.detect.InputProblem;
import dev.cimatrix.detect.LogReader;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.detect.Severity;
import dev.cimatrix.report.alerts.AlertJson;
import dev.cimatrix.report.alerts.AlertSarif;
import dev.cimatrix.report.alerts.AlertText;
import dev.cimatrix.report.alerts.DetectionResult;
import dev.cimatrix.store.DetectionState;
import dev.cimatrix.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

@Command(name = "detect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run Sigma detection rules over CI/CD audit logs: GitHub audit log and webhooks, GitLab audit "
                + "events, CloudTrail and Kubernetes audit, as JSON Lines, JSON arrays, CloudTrail Records files or "
                + "gzip of any of them.", ""},
        footer = {"", "Examples:",
                "  cimatrix detect audit-2026-01.jsonl.gz",
                "  cimatrix detect --format json --fail-on high cloudtrail/*.json.gz",
                "  cimatrix detect --rules ~/sigma/rules/cloud/aws --source cloudtrail trail.json",
                "  zcat audit-*.jsonl.gz | cimatrix detect -",
                "  # learn baselines over the first 14 days of history, alerting after them",
                "  cimatrix detect --learn 14 --state ci.db history.jsonl",
                "  # new lines as they are written, until Ctrl-C",
                "  cimatrix detect --follow /var/log/github-audit.jsonl"})
final class DetectCommand implements Callable<Integer> {
    enum Format { text, json, sarif }

    enum Source { auto, github_audit, github_webhook, gitlab_audit, cloudtrail, k8s_audit }

    enum FailOn { none, info, low, medium, high, critical }

    /** Standard error names this many of the files read oldest first, and counts the rest. */
    private static final int FILES_NAMED_READ_OLDEST_FIRST = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    RuleSources ruleSources;

    @Parameters(paramLabel = "FILE", parameterConsumer = PathArguments.class, arity = "1..*",
            description = "Log files to read, or folders to read every file under (in path order); - reads "
                    + "standard input.")
    List<Path> files;

    /** The files to read: those named, and those under the folders named. */
    private List<Path> inputs;
    /** The inputs found in folders named, rather than named themselves: these may be other files than logs. */
    private final Set<Path> foundInFolders = new HashSet<>();

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "auto",
            description = "The log every event comes from: auto (recognise each event's shape), github-audit, "
                    + "github-webhook, gitlab-audit, cloudtrail, k8s-audit (default: ${DEFAULT-VALUE}).",
            converter = SourceConverter.class)
    Source source;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: text, or as the -o file's name ends: "
                    + ".json, .sarif).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "none",
            description = "Exit with 1 when an alert is at or above SEVERITY: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--state", paramLabel = "FILE",
            description = "SQLite file holding baselines between runs (default: $XDG_CACHE_HOME/cimatrix/detect.db "
                    + "or ~/.cache/cimatrix/detect.db). Opened only when a loaded rule keeps a baseline.")
    Path state;

    @Option(names = "--learn", paramLabel = "DAYS", defaultValue = "0",
            description = "Baseline rules record but do not alert during the first DAYS days of event time "
                    + "(counted from the first event the state file saw with --learn).")
    int learnDays;

    @Option(names = "--follow", description = "Keep reading FILE as it grows (JSON Lines; waited for if not there "
            + "yet), and on through log rotation, printing alerts as they are raised, until interrupted; with - until "
            + "standard input ends.")
    boolean follow;

    /** The most severe alert a --follow run has streamed so far (null: none), for its exit code. */
    private Severity worstStreamed;
    /** Set when the default state store could not be opened: the run goes on without one. */
    private boolean stateUnavailable;

    /** A year: folding matches further apart than that hides more than it spares. */
    static final long MAX_DEDUP_MINUTES = 366L * 24 * 60;

    @Option(names = "--dedup-window", paramLabel = "MINUTES", defaultValue = "60",
            description = "Matches of one rule for one group within MINUTES of event time fold into one alert "
                    + "(default: ${DEFAULT-VALUE}).")
    long dedupMinutes;

    @Option(names = "--max-event-bytes", paramLabel = "BYTES", defaultValue = "" + LogReader.DEFAULT_MAX_EVENT_BYTES,
            description = "Skip, with a note, events larger than BYTES (default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @Option(names = "--alert-limit", paramLabel = "N", defaultValue = "" + Detector.Options.DEFAULT_ALERT_LIMIT,
            description = "List at most N alerts of one rule; the rest are counted (default: ${DEFAULT-VALUE}; 0 for "
                    + "no limit). A followed log's alerts are all printed.")
    int alertLimit;

    @Override
    public Integer call() {
        format = FormatByName.resolve(format, output, Map.of(".json", Format.json, ".sarif", Format.sarif), Format.text);
        validate();
        inputs = withFoldersExpanded(files);
        Output.refuseFolder(output);
        Output.refuseInput(output, inputs.stream().filter(input -> !LogReader.isStandardInput(input)));
        if (!follow) {
            return run(null);
        }
        try (StopOnSignal signal = new StopOnSignal()) {
            return run(signal);
        }
    }

    /** The run, with {@code signal} telling a --follow run when to stop (null without --follow). */
    private int run(StopOnSignal signal) {
        // The built-in pack keeps baselines, so with it the store is needed: it is opened while the pack, read
        // on another thread since the command started, is finishing.
        DetectionState early = ruleSources.includesBuiltin() ? openState() : null;
        RuleSet rules;
        try {
            rules = ruleSources.load("detect", spec.commandLine().getErr());
        } catch (RuntimeException | Error e) {
            if (early != null) {
                early.close();
            }
            throw e;
        }
        PrintWriter err = spec.commandLine().getErr();
        EventSource forced = source == Source.auto ? null
                : EventSource.byId(source.name().replace('_', '-')).orElseThrow();
        Detector.Options options = new Detector.Options(forced, learnDays, dedupMinutes * 60_000L, maxEventBytes,
                alertLimit);
        // Baselines and open correlation windows are what the store keeps between runs.
        boolean needsState = rules.rules().stream().anyMatch(r -> r.baseline() != null || r.correlation() != null);
        RuleCells cells = RuleCells.builtin();
        DetectionResult result;
        try (DetectionState store = early != null ? early : needsState ? openState() : null) {
            Detector detector = new Detector(rules, options, store, follow ? streamTo(cells, signal) : alert -> { });
            if (signal != null) {
                Path file = files.get(0);
                if (awaitCreation(file, signal, err)) {
                    detector.read(file, label(file), true, signal::stopped);
                }
            } else {
                try (DetectProgress progress = progress(detector)) {
                    for (Path file : inputs) {
                        if (foundInFolders.contains(file)) {
                            detector.readFoundInFolder(file, label(file));
                        } else {
                            detector.read(file, label(file), false, () -> true);
                        }
                    }
                }
            }
            detector.finish();
            result = new DetectionResult(detector.alerts(), detector.stats(), rules.refused());
        }
        List<String> reversed = result.stats().readOldestFirst();
        for (String file : reversed.subList(0, Math.min(reversed.size(), FILES_NAMED_READ_OLDEST_FIRST))) {
            err.println("cimatrix detect: " + file + ": its events run newest first; they were read oldest first");
        }
        if (reversed.size() > FILES_NAMED_READ_OLDEST_FIRST) {
            err.println("cimatrix detect: and " + (reversed.size() - FILES_NAMED_READ_OLDEST_FIRST)
                    + " more files read oldest first");
        }
        result.stats().alertsNotListed().forEach((rule, count) -> err.println("cimatrix detect: rule " + rule + " ("
                + rules.find(rule).map(Rule::title).orElse("?") + ") raised " + count + " more alerts than --alert-limit "
                + alertLimit + "; they are counted, not listed"));
        for (InputProblem p : result.stats().problems()) {
            err.println("cimatrix detect: " + p.describe());
        }
        long unlisted = result.stats().problemCount() - result.stats().problems().size();
        if (unlisted > 0) {
            err.println("cimatrix detect: and " + unlisted + " more input problems");
        }
        if (!follow) {
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case text -> Output.write(w -> new AlertText(cells).write(result, w), output, out);
                case json -> Output.write(w -> new AlertJson(cells).write(result, w), output, out);
                case sarif -> Output.write(new AlertSarif(result, rules.rules(), cells, VersionProvider.version())
                        .render(), output, out);
            }
        }
        if (result.stats().problems(InputProblem.Kind.UNREADABLE) > 0) {
            return ExitCode.USAGE;
        }
        // A followed log's alerts are not kept: its exit code comes from the most severe one streamed.
        Severity worst = follow ? worstStreamed : result.alerts().stream().map(a -> a.rule().severity())
                .max(Comparator.naturalOrder()).orElse(null);
        return failing(worst) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /**
     * With --follow, a log that does not exist yet in a folder that does is waited for, as {@code tail -F} waits:
     * a collector may start before the first line is written. False when stopped while waiting.
     */
    private static boolean awaitCreation(Path file, StopOnSignal signal, PrintWriter err) {
        Path folder = file.toAbsolutePath().getParent();
        if (LogReader.isStandardInput(file) || Files.exists(file) || folder == null || !Files.isDirectory(folder)) {
            return true;
        }
        err.println("cimatrix detect: waiting for " + file + " to be created");
        err.flush();
        while (!Files.exists(file)) {
            if (signal.stopped()) {
                return false;
            }
            try {
                Thread.sleep(LogReader.FOLLOW_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void validate() {
        if (follow && files.size() != 1) {
            throw new UsageException("--follow reads exactly one FILE, not " + files.size());
        }
        if (follow && format == Format.sarif) {
            throw new UsageException("--follow writes alerts as they come: use --format text or json, not sarif");
        }
        if (follow && output != null) {
            throw new UsageException("--follow writes to standard output; --output cannot be used with it");
        }
        UsageException.requireAtLeast("--learn", learnDays, 0);
        UsageException.requireAtLeast("--dedup-window", dedupMinutes, 0);
        if (dedupMinutes > MAX_DEDUP_MINUTES) {
            throw new UsageException("--dedup-window must be at most " + MAX_DEDUP_MINUTES + " minutes (a year), not "
                    + dedupMinutes);
        }
        UsageException.requireAtLeast("--max-event-bytes", maxEventBytes, 1024);
        UsageException.requireAtLeast("--alert-limit", alertLimit, 0);
        if (follow && Files.isDirectory(files.get(0))) {
            throw new UsageException("--follow reads one growing file; " + files.get(0) + " is a folder");
        }
        if (files.stream().filter(LogReader::isStandardInput).count() > 1) {
            throw new UsageException("standard input (-) can be read only once");
        }
    }

    /** The files named, with each folder replaced by the files under it (noted in {@link #foundInFolders}). */
    private List<Path> withFoldersExpanded(List<Path> named) {
        List<Path> files = new ArrayList<>();
        for (Path f : named) {
            if (Files.isDirectory(f)) {
                List<Path> under = LogFolders.files(f);
                if (under.isEmpty()) {
                    throw new UsageException(f + " is a folder with no log files in it");
                }
                files.addAll(under);
                foundInFolders.addAll(under);
            } else {
                files.add(f);
            }
        }
        return files;
    }

    /** How problems and alerts name a file: as given, and standard input as grep names it. */
    static String label(Path file) {
        return LogReader.isStandardInput(file) ? "(standard input)" : file.toString();
    }

    /** A progress line while the logs are read, when someone watches a terminal; else nothing (null). */
    private DetectProgress progress(Detector detector) {
        if (!Terminal.showsProgress()) {
            return null;
        }
        return new DetectProgress(detector.progress(), inputs.size(), new ProgressLine(spec.commandLine().getErr()))
                .start();
    }

    /**
     * The state store: the one --state names, which must open, or the default one in the user's cache. A default
     * that cannot be opened (a read-only home in a container, say) leaves the run without a store, with a warning,
     * rather than failing it: only baselines and windows carried between runs need one. Null then.
     */
    private DetectionState openState() {
        if (stateUnavailable) {
            return null;
        }
        Path file = state != null ? state : DetectionState.defaultFile();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return DetectionState.open(file, () -> {
                err.println("cimatrix detect: waiting for another run that uses the state file " + file
                        + " (runs that share one take turns; --state gives this one its own)");
                err.flush();
            });
        } catch (StoreException e) {
            if (state != null) {
                throw new UsageException(e.getMessage());
            }
            stateUnavailable = true;
            err.println("cimatrix detect: warning: " + e.getMessage() + "; running without a state store, so "
                    + "first-seen and rarity rules are not evaluated and correlation windows are not kept for the "
                    + "next run (--state FILE names a store that can be written)");
            return null;
        }
    }

    /** Prints each alert as it is raised; when the reader of standard output has gone, following stops. */
    private Consumer<Alert> streamTo(RuleCells cells, StopOnSignal signal) {
        PrintWriter out = spec.commandLine().getOut();
        AlertJson json = new AlertJson(cells);
        AlertText text = new AlertText(cells);
        return alert -> {
            out.print(format == Format.json ? json.line(alert) : text.alert(alert));
            Output.flush(out);
            if (Output.readerGone(out) && signal != null) {
                signal.stopNow();
            }
            Severity severity = alert.rule().severity();
            if (worstStreamed == null || severity.compareTo(worstStreamed) > 0) {
                worstStreamed = severity;
            }
        };
    }

    /**
     * Ends a --follow run on Ctrl-C or SIGTERM: reading stops after the event in hand, and the process exits only
     * once the run is over, its baselines and open windows stored and its problems printed (for at most
     * {@value #FINISH_SECONDS} seconds).
     */
    private static final class StopOnSignal implements AutoCloseable {
        private static final int FINISH_SECONDS = 10;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook = new Thread(this::stopAndWait, "cimatrix-stop");

        StopOnSignal() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean stopped() {
            return stop.get();
        }

        /** Stops following without a signal: the alerts have no reader any more. */
        void stopNow() {
            stop.set(true);
        }

        private void stopAndWait() {
            stop.set(true);
            try {
                finished.await(FINISH_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM is exiting after Ctrl-C, now that the run is over.
            }
        }
    }

    /** Whether an alert of this severity (null: none) fails the run under --fail-on. */
    private boolean failing(Severity worst) {
        if (failOn == FailOn.none || worst == null) {
            return false;
        }
        return worst.compareTo(Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT))) >= 0;
    }

    /** Accepts the source names with dashes, as users write them. */
    static final class SourceConverter implements picocli.CommandLine.ITypeConverter<Source> {
        @Override
        public Source convert(String value) {
            try {
                return Source.valueOf(value.trim().toLowerCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a source; valid: auto, "
                        + "github-audit, github-webhook, gitlab-audit, cloudtrail, k8s-audit");
            }
        }
    }
}
