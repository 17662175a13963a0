package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What whoever controls a step of a job reaches through the job: its token's write access, its secrets and its OIDC
 * tokens, described for messages. Read once per job and shared by the checks, so a job of thousands of steps is not
 * read again for each.
 */
public final class JobHoldings {
    /** How many secrets a message names before it counts the rest. */
    private static final int NAMED_SECRETS = 3;

    private final String token;
    private final List<String> secrets;
    private final Set<String> secretSet;
    private final boolean everySecret;
    private final boolean idToken;

    private JobHoldings(JobPrivileges privileges) {
        if (privileges.writeScopes().containsKey("all")) {
            token = "a token that can write everything";
        } else if (!privileges.writeScopes().isEmpty()) {
            token = "a token that can write " + String.join(", ", privileges.writeScopes().keySet());
        } else if (privileges.tokenDefault()) {
            token = "the repository's default token, which can write in many repositories";
        } else {
            token = null;
        }
        Set<String> names = new TreeSet<>(privileges.secrets().keySet());
        names.remove("GITHUB_TOKEN");
        everySecret = names.remove("*");
        secrets = List.copyOf(names);
        secretSet = Set.copyOf(names);
        idToken = privileges.idToken();
    }

    /**
     * What whoever controls the step reaches ({@link #describe}): its job's holdings, or for a step of a composite
     * action, what every job that uses the action holds.
     */
    public static List<String> ofStep(StepContext context, Set<String> except) {
        if (context.inAction()) {
            return List.of("the token and secrets of every job that uses this action");
        }
        return of(context.derived(), context.inventory(), context.workflow(), context.job()).describe(except);
    }

    private static JobHoldings of(Derived derived, Inventory inventory, Workflow workflow, Job job) {
        return derived.get(List.of(JobHoldings.class, workflow.path(), job.id()),
                () -> new JobHoldings(JobPrivileges.of(inventory, workflow, job)));
    }

    /**
     * Secrets as a message names them: the first of them by name, and how many more ("secrets A, B, C and 2 more").
     *
     * @param named the names to give, at most {@link #NAMED_SECRETS}
     * @param total how many secrets there are in all
     */
    public static String secretsPhrase(List<String> named, int total) {
        return "secret" + (total == 1 ? " " : "s ") + String.join(", ", named)
                + (total > named.size() ? " and " + (total - named.size()) + " more" : "");
    }

    /** {@link #secretsPhrase(List, int)} of every name given. */
    public static String secretsPhrase(List<String> names) {
        return secretsPhrase(names.subList(0, Math.min(NAMED_SECRETS, names.size())), names.size());
    }

    /**
     * The job's holdings as phrases for a message ("a token that can write contents", "secrets A, B, C and 2 more",
     * "OIDC tokens for cloud roles"), leaving out the secrets named in {@code except} (upper case); empty when the job
     * holds none of these.
     */
    public List<String> describe(Set<String> except) {
        List<String> parts = new ArrayList<>(3);
        if (token != null) {
            parts.add(token);
        }
        if (everySecret) {
            parts.add("every secret of the repository");
        } else {
            // Counted without walking every secret: a job may hold thousands, and this is asked for each of its steps.
            int others = secrets.size();
            for (String secret : except) {
                if (secretSet.contains(secret)) {
                    others--;
                }
            }
            List<String> named = new ArrayList<>(NAMED_SECRETS);
            for (int i = 0; i < secrets.size() && named.size() < NAMED_SECRETS; i++) {
                if (!except.contains(secrets.get(i))) {
                    named.add(secrets.get(i));
                }
            }
            if (others > 0) {
                parts.add(secretsPhrase(named, others));
            }
        }
        if (idToken) {
            parts.add("OIDC tokens for cloud roles");
        }
        return parts;
    }
}
