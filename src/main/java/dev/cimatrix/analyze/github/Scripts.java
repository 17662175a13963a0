package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.model.Step;

import java.util.Optional;
import java.util.regex.Pattern;

/** What GitHub Actions steps execute: shell scripts and the JavaScript of actions/github-script. */
public final class Scripts {
    private static final TextSearch OUTPUT_FILE = TextSearch.anyOf("GITHUB_OUTPUT");
    /** The look-ahead names the first character of each alternative, sparing the others at most positions. */
    private static final Pattern OUTPUT_WRITE = Pattern.compile("(?=[>g])(?:"
            + ">>?\\s*\"?\\$\\{?(GITHUB_OUTPUT|env:GITHUB_OUTPUT)\\b|GITHUB_OUTPUT\\b[^\\n]*(Out-File|Add-Content|tee))",
            Pattern.CASE_INSENSITIVE);

    private Scripts() {
    }

    /** True for actions/github-script, whose {@code script} input is JavaScript run with the job's token. */
    public static boolean isGithubScript(Step step) {
        return step.uses("actions/github-script");
    }

    /** The code a step executes as written: its {@code run:}, or github-script's {@code script:}. */
    public static Optional<dev.cimatrix.model.Scalar> code(Step step) {
        if (step.run() != null) {
            return Optional.of(step.run());
        }
        if (isGithubScript(step)) {
            return step.input("script").map(kv -> kv.value());
        }
        return Optional.empty();
    }

    /** True when a script writes step outputs through the GITHUB_OUTPUT file. */
    public static boolean writesOutputs(String script) {
        return OUTPUT_FILE.foundIn(script) && OUTPUT_WRITE.matcher(script).find();
    }
}
