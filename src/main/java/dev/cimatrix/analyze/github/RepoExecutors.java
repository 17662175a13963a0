package dev.cimatrix.analyze.github;

import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Step;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises steps that execute content of the checked-out tree ({@code analyze/github-repo-executors.yaml}):
 * the reason a checkout of attacker code is dangerous.
 */
public final class RepoExecutors {
    private static final String RESOURCE = "analyze/github-repo-executors.yaml";
    private static final Pattern COMMAND_START = Pattern.compile("(?:^|&&|\\|\\||[;|(`]|\\$\\()\\s*(?:sudo\\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*([^\\s;|&()`]+)", Pattern.MULTILINE);
    private static final Set<String> COMMANDS;
    private static final Set<String> ACTIONS;

    static {
        Map<String, List<String>> data = load();
        COMMANDS = Set.copyOf(data.get("commands"));
        ACTIONS = Set.copyOf(data.get("actions").stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
    }

    private RepoExecutors() {
    }

    /** What in this step executes the checked-out tree, or empty when nothing evidently does. */
    public static Optional<String> executor(Step step) {
        if (step.uses() != null) {
            ActionRef uses = step.uses();
            if (uses.kind() == ActionRef.Kind.LOCAL) {
                return Optional.of("the local action " + uses.path() + " from the checked-out tree");
            }
            if (uses.kind() == ActionRef.Kind.REPOSITORY && ACTIONS.contains(uses.repository())) {
                return Optional.of("the action " + uses.repository() + ", which runs content of the checked-out tree");
            }
            return Optional.empty();
        }
        if (step.run() == null) {
            return Optional.empty();
        }
        var matcher = COMMAND_START.matcher(step.run().value());
        while (matcher.find()) {
            String word = matcher.group(1);
            if (COMMANDS.contains(word) || word.startsWith("./") || word.endsWith(".sh") || word.endsWith(".py")) {
                return Optional.of("`" + word + "`");
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> load() {
        try (InputStream in = RepoExecutors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return (Map<String, List<String>>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
