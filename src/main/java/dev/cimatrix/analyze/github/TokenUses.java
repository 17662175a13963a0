package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a job shows a use of a write scope of its GITHUB_TOKEN ({@code analyze/github-token-uses.yaml}): an action
 * or a script command known to need it, or one that calls any API endpoint with the workflow's token.
 */
public final class TokenUses {
    private record Signs(Set<String> actions, Pattern commands) {
    }

    private static final Signs ANY_API;
    private static final Set<String> API_SCOPES;
    private static final Map<String, Signs> BY_SCOPE = new HashMap<>();
    /** The token of the run, as a step can name it; any other token handed to a step is not the run's. */
    private static final Pattern RUN_TOKEN = Pattern.compile("secrets\\.GITHUB_TOKEN|github\\.token", Pattern.CASE_INSENSITIVE);
    /** A token a step is handed: an input or variable whose name says so, set from an expression. */
    private static final Pattern TOKEN_NAME = Pattern.compile("(?i).*token.*");

    static {
        DataResource data = DataResource.load("github-token-uses.yaml");
        ANY_API = signs((Map<?, ?>) data.root().get("anyApi"));
        API_SCOPES = Set.copyOf(DataResource.texts(data.root(), "apiScopes"));
        ((Map<?, ?>) data.root().get("scopes")).forEach((scope, signs) ->
                BY_SCOPE.put(String.valueOf(scope), signs((Map<?, ?>) signs)));
    }

    private TokenUses() {
    }

    private static Signs signs(Map<?, ?> item) {
        Set<String> actions = new HashSet<>();
        DataResource.texts(item, "actions").forEach(a -> actions.add(a.toLowerCase(Locale.ROOT)));
        List<String> commands = DataResource.texts(item, "commands");
        Pattern pattern = commands.isEmpty() ? null
                : Pattern.compile(String.join("|", commands.stream().map(c -> "(?:" + c + ")").toList()));
        return new Signs(Set.copyOf(actions), pattern);
    }

    /** Whether some step of the job may use the scope. */
    public static boolean mayUse(Job job, String scope) {
        return job.steps().stream().anyMatch(step -> mayUse(step, scope));
    }

    /** Whether a step may use the scope of the run's token. */
    public static boolean mayUse(Step step, String scope) {
        Signs signs = BY_SCOPE.get(scope);
        if (signs != null && shows(step, signs)) {
            return true;
        }
        return API_SCOPES.contains(scope) && shows(step, ANY_API) && !handedAnotherToken(step);
    }

    private static boolean shows(Step step, Signs signs) {
        ActionRef uses = step.uses();
        if (uses != null && uses.kind() == ActionRef.Kind.REPOSITORY
                && signs.actions().contains(uses.repository().toLowerCase(Locale.ROOT))
                && !step.inputValue("install-only").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false)) {
            return true;
        }
        return signs.commands() != null && step.run() != null && signs.commands().matcher(step.run().value()).find();
    }

    /**
     * Whether a step is given a token other than the run's (a {@code github-token} input or a {@code GH_TOKEN}
     * variable from another secret), and not the run's: its API calls then use that token's rights.
     */
    private static boolean handedAnotherToken(Step step) {
        boolean other = false;
        for (List<KeyValue> list : List.of(step.with(), step.env())) {
            for (KeyValue kv : list) {
                if (!TOKEN_NAME.matcher(kv.key()).matches() || !kv.value().hasExpressions()) {
                    continue;
                }
                if (RUN_TOKEN.matcher(kv.value().value()).find()) {
                    return false;
                }
                other = true;
            }
        }
        return other;
    }
}
