package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.circleci.ScriptInjectionCheck;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.KeyValue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fix of {@code circleci-script-injection} in one file: each {@code << value >>} written into a run command becomes
 * a reference to an environment variable, written for the place it stands in the shell script ({@code ${NAME}} inside
 * double quotes or none, out of single quotes and back). The branch and tag are CircleCI's own {@code CIRCLE_BRANCH}
 * and {@code CIRCLE_TAG}; any other value is set in the run step's {@code environment}, which only a step written as a
 * mapping ({@code command:}) has. The value then reaches the shell as data. Steps written as one string, shells other
 * than bash and sh, configurations that run jobs on Windows (where run steps use PowerShell), and values whose quoting
 * is not certain are left, each with the reason.
 */
final class CircleciInjectionFix {
    /** Pipeline values CircleCI also sets in every job's environment, under these names. */
    private static final Map<String, String> BUILT_IN = Map.of("pipeline.git.branch", "CIRCLE_BRANCH",
            "pipeline.git.tag", "CIRCLE_TAG");
    /** Prefixes left out of a variable's name: {@code pipeline.event.github.pull_request.title} is PULL_REQUEST_TITLE. */
    private static final Pattern NAME_PREFIX = Pattern.compile(
            "^pipeline\\.(?:trigger_parameters\\.github_app\\.|trigger_parameters\\.|event\\.github\\.|parameters\\.)?"
                    + "|^parameters\\.");
    /** Windows executors: the Windows orb, a Windows machine image or resource class. */
    private static final Pattern WINDOWS = Pattern.compile(
            "(?i)circleci/windows@|\\bwindows-server-|resource_class:\\s*['\"]?windows\\.");

    private final FileRewrite rewrite;
    private final String text;
    /** Whether the file names a Windows executor; read at the first value to fix, as most files planned have none. */
    private Boolean windows;
    /** How many values of each command (by route) were planned. */
    private final Map<String, Integer> perCommand = new HashMap<>();

    CircleciInjectionFix(FileRewrite rewrite, String text) {
        this.rewrite = rewrite;
        this.text = text;
    }

    /** Plans the fix of one value written into a run command, or says why it has none. */
    Optional<String> add(CircleciConfig.Unit unit, CircleciConfig.Run run, ScriptInjectionCheck.Use use) {
        if (windows == null) {
            windows = WINDOWS.matcher(text).find();
        }
        if (windows) {
            return Optional.of("the configuration runs jobs on Windows, where run steps use PowerShell unless they name "
                    + "a shell; set the value in the step's environment and read it there by hand");
        }
        String commandRoute = run.command().location().route();
        // The quoting is read from the command's start for each value: bounded, as for GitHub's expressions.
        if (perCommand.merge(commandRoute, 1, Integer::sum) > TemplateInjectionFix.MAX_PER_SCRIPT) {
            return Optional.of("the command holds more than " + TemplateInjectionFix.MAX_PER_SCRIPT + " values to "
                    + "move; fix it by hand");
        }
        String command = run.command().value();
        if (run.command().onCommentedLine(use.start())) {
            return Optional.of("the value stands on a commented-out line; delete the line instead");
        }
        YamlMapping step = commandRoute.endsWith(".command")
                ? rewrite.mapping(commandRoute.substring(0, commandRoute.length() - ".command".length())) : null;
        if (step != null) {
            Optional<String> shell = step.getText("shell").map(s -> s.strip().split("\\s+")[0]);
            if (shell.isPresent() && !shell.get().matches("(?:/usr)?(?:/bin/)?(?:bash|sh)")) {
                return Optional.of("the step runs in " + shell.get() + ", for which there is no fix");
            }
        }
        String builtIn = BUILT_IN.get(use.path());
        FileRewrite.Additions environment = null;
        String name = builtIn;
        if (builtIn == null) {
            if (!commandRoute.endsWith(".command")) {
                return Optional.of("the run step is written as one string, which has no environment of its own; "
                        + "write it as a mapping (command: and environment:) to set the value there");
            }
            if (step == null) {
                return Optional.of(FileRewrite.ALIASED);
            }
            Optional<FileRewrite.Additions> additions = rewrite.additions(step, "environment", List.of());
            if (additions.isEmpty()) {
                return Optional.of("the step's environment: holds no mapping that an entry can be added to");
            }
            environment = additions.get();
            name = variable(unit, run, use, command, environment);
            if (name == null) {
                return Optional.of("no environment variable name could be made from '" + use.path() + "'");
            }
        }
        ScriptReplacement replaced = ScriptReplacement.posix(command, use.start(), use.end(), name);
        if (replaced.refusal() != null) {
            return Optional.of(replaced.refusal());
        }
        Optional<String> refused = rewrite.replace(run.command(), replaced.start(), replaced.end(), replaced.text());
        if (refused.isPresent()) {
            return refused;
        }
        String variable = name;
        if (environment != null && run.environment().stream().noneMatch(e -> e.key().equals(variable))) {
            environment.add(name, use.written());
        }
        return Optional.empty();
    }

    /**
     * The variable for a value: one the step already sets to it, one planned for it, or a name made from its path
     * ({@code pipeline.git.commit.subject} is GIT_COMMIT_SUBJECT), unique against the environment of the step and its
     * unit and the words of the command.
     */
    private static String variable(CircleciConfig.Unit unit, CircleciConfig.Run run, ScriptInjectionCheck.Use use,
                                   String command, FileRewrite.Additions environment) {
        for (KeyValue entry : run.environment()) {
            if (holdsOnly(entry.value().value(), use.path())) {
                return entry.key();
            }
        }
        for (Map.Entry<String, String> planned : environment.entries.entrySet()) {
            if (holdsOnly(planned.getValue(), use.path())) {
                return planned.getKey();
            }
        }
        String stem = NAME_PREFIX.matcher(use.path()).replaceFirst("").toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", "_").replaceAll("^[_0-9]+|_+$", "");
        if (stem.isEmpty()) {
            return null;
        }
        if (stem.startsWith("CIRCLE_") || stem.startsWith("BASH_")) {
            stem = "VALUE_" + stem;
        }
        Set<String> taken = new HashSet<>(environment.entries.keySet());
        run.environment().forEach(e -> taken.add(e.key()));
        unit.environment().forEach(e -> taken.add(e.key()));
        return ScriptReplacement.uniqueName(stem, taken, command);
    }

    /** Whether a value is {@code << path >>} and nothing else. */
    private static boolean holdsOnly(String value, String path) {
        String text = value.strip();
        List<ScriptInjectionCheck.Use> uses = ScriptInjectionCheck.uses(text);
        return uses.size() == 1 && uses.get(0).path().equals(path) && uses.get(0).start() == 0
                && uses.get(0).end() == text.length();
    }
}
