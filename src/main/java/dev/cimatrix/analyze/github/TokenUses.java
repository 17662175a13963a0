package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.DataResource;
import dev.cimatrix.analyze.TextSearch;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

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

    /**
     * Actions known not to need a write token: checking out, setting up tool chains, caching and moving
     * artifacts. A job made only of these and of scripts that never reach for the token has no use for writes.
     */
    private static final Set<String> READ_ONLY_ACTIONS = Set.of("actions/checkout", "actions/setup-node",
            "actions/setup-python", "actions/setup-java", "actions/setup-go", "actions/setup-dotnet",
            "actions/cache", "actions/upload-artifact", "actions/download-artifact", "ruby/setup-ruby",
            "astral-sh/setup-uv", "swatinem/rust-cache", "dtolnay/rust-toolchain", "gradle/actions");

    /**
     * Script text that uses the token or pushes: then the job may need the writes it asks for. The look-ahead
     * names the first letter of each alternative.
     */
    private static final Pattern USES_TOKEN = Pattern.compile(
            "(?=[ga])(?:GITHUB_TOKEN|GH_TOKEN|github\\.token|\\bgh\\s|\\bgit\\s+(push|tag)|api\\.github\\.com|ACTIONS_ID_TOKEN)",
            Pattern.CASE_INSENSITIVE);
    /** Each alternative of USES_TOKEN holds one of these words, so text without them skips the pattern. */
    private static final TextSearch TOKEN_WORDS = TextSearch.anyOf("git", "gh", "token");

    static {
        DataResource data = DataResource.load("github-token-uses.yaml");
        ANY_API = signs((Map<?, ?>) data.root().get("anyApi"));
        API_SCOPES = Set.copyOf(DataResource.texts(data.root(), "apiScopes"));
        ((Map<?, ?>) data.root().get("scopes")).forEach((scope, signs) ->
                BY_SCOPE.put(String.valueOf(scope), signs((Map<?, ?>) signs)));
    }

    private TokenUses() {
    }

    /** Whether a value names the run's own token ({@code secrets.GITHUB_TOKEN}, {@code github.token}). */
    public static boolean namesRunToken(String text) {
        return RUN_TOKEN.matcher(text).find();
    }

    private static boolean usesToken(String text) {
        return TOKEN_WORDS.foundIn(text) && USES_TOKEN.matcher(text).find();
    }

    /**
     * Whether a step plainly never uses the run's token: a known read-only action (checkout, setup-*, cache,
     * artifacts) given no token, or a script that mentions neither the token nor {@code gh}, {@code git push} or the
     * API.
     */
    public static boolean neverUses(Step step) {
        if (step.uses() != null) {
            String name = step.uses().repository();
            boolean readOnly = READ_ONLY_ACTIONS.contains(name) || name.startsWith("actions/setup-");
            boolean tokenInput = step.with().stream().anyMatch(kv -> usesToken(kv.value().value())
                    || kv.key().toLowerCase(Locale.ROOT).contains("token"));
            return readOnly && !tokenInput;
        }
        boolean envToken = step.env().stream().anyMatch(kv -> usesToken(kv.value().value()));
        return step.run() != null && !envToken && !usesToken(step.run().value());
    }

    /** Whether a job plainly never uses the run's token: it calls no workflow, and {@link #neverUses(Step)} each step. */
    public static boolean neverUses(Job job) {
        return !job.callsReusableWorkflow() && job.steps().stream().allMatch(TokenUses::neverUses);
    }

    private static Signs signs(Map<?, ?> item) {
        Set<String> actions = new HashSet<>();
        DataResource.texts(item, "actions").forEach(a -> actions.add(a.toLowerCase(Locale.ROOT)));
        List<String> commands = DataResource.texts(item, "commands");
        Pattern pattern = commands.isEmpty() ? null
                : Pattern.compile(String.join("|", commands.stream().map(c -> "(?:" + c + ")").toList()));
        return new Signs(Set.copyOf(actions), pattern);
    }

    /**
     * Whether some step of the workflow's job may use the scope, the steps of the local composite actions it runs
     * (and of those they run, a few deep) included; a local action the job hands the run's token may use any.
     */
    public static boolean mayUse(Inventory inventory, Workflow workflow, Job job, String scope) {
        Map<String, Boolean> actions = new HashMap<>();
        return job.steps().stream().anyMatch(step -> mayUse(inventory, workflow.path(), step, scope, 0, actions));
    }

    /** With {@code actions}, what each local action at each depth was found to do, so that none is read twice. */
    private static boolean mayUse(Inventory inventory, String callerPath, Step step, String scope, int depth,
                                  Map<String, Boolean> actions) {
        if (mayUse(step, scope)) {
            return true;
        }
        if (depth >= 4 || step.uses() == null || step.uses().kind() != ActionRef.Kind.LOCAL) {
            return false;
        }
        // A local action handed the run's token is written to use it: which scope, its tools decide. Not id-token:
        // an OIDC token is asked for with the runner's own request variables, not with the run's token.
        if (!scope.equals("id-token") && step.with().stream().anyMatch(kv -> RUN_TOKEN.matcher(kv.value().value()).find())) {
            return true;
        }
        return inventory.actionIn(WorkflowTaint.resolve(callerPath, step.uses().path())).map(action -> {
            String key = depth + ":" + action.path();
            Boolean known = actions.get(key);
            if (known == null) {
                actions.put(key, false);
                known = action.steps().stream()
                        .anyMatch(inner -> mayUse(inventory, action.path(), inner, scope, depth + 1, actions));
                actions.put(key, known);
            }
            return known;
        }).orElse(false);
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
