package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Step;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises steps that execute content of the checked-out tree ({@code analyze/github-repo-executors.yaml}):
 * the reason a checkout of attacker code is dangerous.
 */
public final class RepoExecutors {
    private static final Pattern COMMAND_START = Pattern.compile("(?:^|&&|\\|\\||[;|(`]|\\$\\()\\s*(?:sudo\\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*([^\\s;|&()`]+)", Pattern.MULTILINE);
    private static final Set<String> COMMANDS;
    private static final Set<String> ACTIONS;

    static {
        DataResource data = DataResource.load("github-repo-executors.yaml");
        // Commands keep their case (./gradlew); action names are compared without it.
        COMMANDS = Set.copyOf(DataResource.texts(data.root(), "commands"));
        ACTIONS = Set.copyOf(data.names("actions"));
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
}
