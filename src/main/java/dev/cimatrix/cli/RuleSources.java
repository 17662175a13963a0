package dev.cimatrix.cli;

import dev.cimatrix.detect.RuleSet;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rule options shared by {@code detect} and {@code rules}: the built-in pack plus user rule directories. */
final class RuleSources {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Also load the Sigma rules (*.yml, *.yaml) under DIR; repeatable. SigmaHQ rules for GitHub "
                    + "audit, CloudTrail and Kubernetes audit load unchanged.")
    List<Path> directories = new ArrayList<>();

    @Option(names = "--no-builtin-rules", description = "Do not load the built-in rule pack (only --rules).")
    boolean noBuiltin;

    RuleSet load() {
        RuleSet.Builder builder = RuleSet.builder();
        if (!noBuiltin) {
            builder.builtin();
        }
        for (Path dir : directories) {
            if (!Files.exists(dir)) {
                throw new UsageException("--rules " + dir + ": no such file or directory");
            }
            try {
                builder.directory(dir);
            } catch (IOException e) {
                throw new UsageException("--rules " + dir + ": " + Output.reason(e));
            }
        }
        return builder.build();
    }
}
