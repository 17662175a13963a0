package dev.cimatrix.cli;

import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleCells;
import dev.cimatrix.detect.RuleSet;
import dev.cimatrix.io.IoReason;
import dev.cimatrix.report.alerts.RuleListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List, show and export the detection rules: the built-in pack and any --rules DIR.", ""},
        subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class, RulesCommand.ExportRules.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static RuleSet load(RuleSources sources, CommandSpec spec) {
        return sources.load("rules", spec.commandLine().getErr());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per rule: id, level, log "
            + "source, matrix cells, detective control and title.")
    static final class ListRules implements Runnable {
        enum Format { text, json }

        @Spec
        CommandSpec spec;

        @Mixin
        RuleSources sources;

        @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public void run() {
            RuleListing listing = new RuleListing(RuleCells.builtin());
            List<Rule> rules = load(sources, spec).rules();
            String text = format == Format.json ? listing.json(rules) : listing.table(rules);
            Output.write(text, null, spec.commandLine().getOut());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A rule's metadata and its YAML.")
    static final class ShowRule implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        RuleSources sources;

        @Parameters(paramLabel = "ID", description = "The rule's id or name, or its file as 'rules list --format "
                + "json' names it (github-audit/webhook_deleted.yml); a file shows all its rules.")
        String id;

        @Override
        public void run() {
            RuleSet rules = load(sources, spec);
            List<Rule> shown = rules.matching(id);
            if (shown.isEmpty()) {
                List<String> close = ClosestIds.to(id, rules.names(), 3);
                throw new UsageException("no rule with id, name or file '" + id + "'"
                        + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)")
                        + "; see 'cimatrix rules list'");
            }
            RuleListing listing = new RuleListing(RuleCells.builtin());
            Output.write(shown.stream().map(listing::show).collect(Collectors.joining("\n")), null,
                    spec.commandLine().getOut());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the rules as standard Sigma files for a SIEM: each rule file as it is, documents "
                    + "separated by ---. The cimatrix keys (control, cimatrix) are custom Sigma fields that other "
                    + "tools ignore.", ""})
    static final class ExportRules implements Runnable {
        enum Format { sigma }

        @Spec
        CommandSpec spec;

        @Mixin
        RuleSources sources;

        @Option(names = {"-f", "--format"}, defaultValue = "sigma", paramLabel = "FORMAT",
                description = "Export format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR",
                description = "Write one file per rule file under DIR (default: all to standard output).")
        Path output;

        @Override
        public void run() {
            Map<String, StringBuilder> files = new LinkedHashMap<>();
            for (Rule rule : load(sources, spec).rules()) {
                StringBuilder file = files.computeIfAbsent(exportPath(rule.file(), sources), k -> new StringBuilder());
                if (!file.isEmpty()) {
                    file.append("---\n");
                }
                file.append(RuleListing.sigma(rule));
            }
            if (output == null) {
                StringBuilder all = new StringBuilder();
                files.values().forEach(f -> all.append(all.isEmpty() ? "" : "---\n").append(f));
                Output.write(all.toString(), null, spec.commandLine().getOut());
                return;
            }
            for (Map.Entry<String, StringBuilder> f : files.entrySet()) {
                Path target = output.resolve(f.getKey()).normalize();
                if (!target.startsWith(output.normalize())) {
                    throw new UsageException("rule file " + f.getKey() + " would be written outside " + output);
                }
                try {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UsageException("cannot write " + target + ": " + IoReason.of(e));
                }
            }
            Output.write("wrote " + files.size() + " rule files to " + output + "\n", null, spec.commandLine().getOut());
        }

        /**
         * Built-in rules keep their path under rules/; user rules their path within their --rules folder, so that
         * two files of one name in different subfolders stay two files.
         */
        private static String exportPath(String ruleFile, RuleSources sources) {
            if (ruleFile.startsWith(RuleSet.BUILTIN_LABEL_PREFIX)) {
                return ruleFile.substring(RuleSet.BUILTIN_LABEL_PREFIX.length());
            }
            return sources.pathWithinSource(ruleFile);
        }
    }
}
