package dev.cimatrix.cli;

import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.detect.RuleException;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.io.FolderWalk;
import dev.cimatrix.io.IoReason;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/** The rule options shared by {@code detect} and {@code rules}: the built-in pack plus user rule directories. */
final class RuleSources {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Also load the Sigma rules (*.yml, *.yaml) under DIR; repeatable. SigmaHQ rules for GitHub "
                    + "audit, CloudTrail and Kubernetes audit load unchanged.")
    List<Path> directories = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Do not load the built-in rule pack (only --rules).")
    boolean noBuiltin;

    /** The built-in pack as {@link #preloadBuiltin} loads it, for the first {@link #load} to take. */
    private static final AtomicReference<FutureTask<RuleSet.Builder>> PRELOADED = new AtomicReference<>();

    /**
     * Starts loading the built-in pack on a daemon thread, for {@code detect}, whose rules are read while the
     * main thread sets up the command line: parsing and compiling a hundred rule files is most of the start-up
     * of a detection run over a small log.
     */
    static void preloadBuiltin() {
        FutureTask<RuleSet.Builder> task = new FutureTask<>(() -> RuleSet.builder().builtin());
        if (PRELOADED.compareAndSet(null, task)) {
            Thread thread = new Thread(task, "cimatrix-rules");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Whether {@link #load} loads the built-in pack. */
    boolean includesBuiltin() {
        return !noBuiltin;
    }

    /**
     * Loads the rules and reports on {@code err}, as {@code cimatrix COMMAND: ...}, the rules refused and, for rules
     * not built in, the tags and controls that name nothing in the catalog.
     */
    RuleSet load(String command, PrintWriter err) {
        RuleSet rules = load();
        for (RuleException refused : rules.refused()) {
            err.println("cimatrix " + command + ": rule refused: " + refused.describe());
        }
        RuleCells cells = null;
        for (Rule rule : rules.rules()) {
            if (rule.file() == null || rule.file().startsWith(RuleSet.BUILTIN_LABEL_PREFIX)) {
                continue;
            }
            if (cells == null) {
                cells = RuleCells.builtin();
            }
            for (String problem : cells.unknownReferences(rule)) {
                String where = rule.file() + (rule.line() > 0 ? ":" + rule.line() : "");
                err.println("cimatrix " + command + ": warning: " + where + ": " + problem);
            }
        }
        return rules;
    }

    RuleSet load() {
        FutureTask<RuleSet.Builder> preloaded = PRELOADED.getAndSet(null);
        RuleSet.Builder builder;
        if (noBuiltin) {
            builder = RuleSet.builder();
        } else if (preloaded != null) {
            builder = loaded(preloaded);
        } else {
            builder = RuleSet.builder().builtin();
        }
        for (Path dir : directories) {
            if (!Files.exists(dir)) {
                throw new UsageException("--rules " + dir + ": no such file or directory");
            }
            try {
                for (Path file : ruleFiles(dir, builder)) {
                    // A file that cannot be read as rules is refused alone; the others still load.
                    try {
                        builder.add(file.toString(), YamlFiles.read(file, YamlFiles.MAX_RULE_BYTES));
                    } catch (YamlFiles.Refused e) {
                        builder.refuse(new RuleException(file.toString(), e.line, e.getMessage()));
                    }
                }
            } catch (IOException e) {
                throw new UsageException("--rules " + dir + ": " + IoReason.of(e));
            }
        }
        return builder.build();
    }

    /**
     * Where a rule file loaded from a {@code --rules} folder lies within that folder ({@code cloud/x.yml}), or its
     * name when it was named itself or its folder is not known: how an export lays out the files it writes.
     */
    String pathWithinSource(String ruleFile) {
        Path file = Path.of(ruleFile);
        for (Path dir : directories) {
            if (file.startsWith(dir) && !file.equals(dir)) {
                return dir.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            }
        }
        return file.getFileName().toString();
    }

    /**
     * The *.yml and *.yaml files under a folder, in path order, or what was named itself (a file not regular, such
     * as a FIFO, is then refused when read rather than passed over). What the walk cannot look into is refused
     * with the reason, and the rest still load.
     */
    private static List<Path> ruleFiles(Path dir, RuleSet.Builder builder) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of(dir);
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new FolderWalk(dir) {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.toString();
                // A link to a rule file counts as the file, as links to folders are not followed.
                if ((name.endsWith(".yml") || name.endsWith(".yaml"))
                        && (attributes.isRegularFile() || Files.isRegularFile(file))) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            protected void failed(Path path, IOException e) {
                builder.refuse(new RuleException(path.toString(), 0,
                        "cannot be looked into (" + IoReason.of(e) + "), so any rules in it were not loaded"));
            }
        });
        files.sort(Comparator.comparing(Path::toString));
        return files;
    }

    /** The preloaded pack, or what loading it threw, as loading it here would have thrown it. */
    private static RuleSet.Builder loaded(FutureTask<RuleSet.Builder> preloaded) {
        try {
            return preloaded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the built-in rules", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
