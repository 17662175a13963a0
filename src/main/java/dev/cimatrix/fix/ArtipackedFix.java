package dev.cimatrix.fix;

import dev.cimatrix.analyze.github.WorkflowTaint;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fix of {@code gha-artipacked}: {@code persist-credentials: false} in the {@code with:} of actions/checkout, so
 * the job's token is not left in {@code .git/config}. It is not made where the job may need the token there: a later
 * step runs git against a remote (push, pull, fetch, submodule, …) or {@code gh} commands that do, or uses an action
 * known to push with git's configuration, itself or through the steps of a local composite action (a local action of
 * another kind, or one not found, counts as a need); nor where the checkout is given a token or SSH key of its own,
 * which is there to be used.
 */
final class ArtipackedFix {
    /** git talking to a remote, options before the subcommand allowed ({@code git -C dir push}). */
    private static final Pattern REMOTE_GIT = Pattern.compile(
            "\\bgit(?:\\s+--?[\\w-]+(?:[= ]\\S+)?)*\\s+(?:push|pull|fetch|submodule|ls-remote|remote|clone)\\b"
                    + "|\\bgh\\s+(?:pr\\s+checkout|repo\\s+(?:clone|sync))\\b");
    /** Actions that commit and push with the credentials a checkout persisted. */
    private static final Set<String> PUSHING_ACTIONS = Set.of("stefanzweifel/git-auto-commit-action",
            "endbug/add-and-commit", "ad-m/github-push-action", "changesets/action", "peter-evans/create-pull-request",
            "jamesives/github-pages-deploy-action", "peaceiris/actions-gh-pages", "s0/git-publish-subdir-action",
            "actions-js/push", "devops-infra/action-commit-push", "github-actions-x/commit",
            "gr2m/create-or-update-pull-request-action", "mikeal/publish-to-github-action");

    private final FileRewrite rewrite;
    /** {@link #laterNeeds} of the jobs met so far. */
    private final java.util.Map<Job, String[]> needs = new java.util.IdentityHashMap<>();

    ArtipackedFix(FileRewrite rewrite) {
        this.rewrite = rewrite;
    }

    /** How deep local composite actions calling local composite actions are followed. */
    private static final int MAX_ACTION_DEPTH = 8;

    /** Plans the fix of the checkout at {@code index} of a job of the workflow at {@code path}, or says why it has none. */
    Optional<String> add(Inventory inventory, String path, Job job, int index) {
        Step checkout = job.steps().get(index);
        Optional<KeyValue> persist = checkout.input("persist-credentials");
        if (persist.isPresent()) {
            return Optional.of("persist-credentials is set to '" + persist.get().value().value().strip()
                    + "' on purpose; change it by hand");
        }
        for (String own : List.of("token", "ssh-key")) {
            if (checkout.input(own).isPresent()) {
                return Optional.of("the checkout is given a " + own + " of its own, which later steps are likely to use");
            }
        }
        String need = laterNeeds(inventory, path, job)[index + 1];
        if (need != null) {
            return Optional.of(need + " and may need the token the checkout keeps; set persist-credentials: false "
                    + "once that step has a token of its own");
        }
        YamlMapping step = rewrite.mapping(checkout.location().route());
        if (step == null) {
            return Optional.of(FileRewrite.ALIASED);
        }
        Optional<FileRewrite.Additions> with = rewrite.additions(step, "with", List.of());
        if (with.isEmpty()) {
            return Optional.of("the checkout's with: holds no mapping that an entry can be added to");
        }
        with.get().add("persist-credentials", "false");
        return Optional.empty();
    }

    /**
     * Per step index of a job, the first step from there on that may need the persisted token, said as the reason (or
     * null): worked out once per job, from its last step back.
     */
    private String[] laterNeeds(Inventory inventory, String path, Job job) {
        return needs.computeIfAbsent(job, j -> {
            String[] from = new String[j.steps().size() + 1];
            for (int i = j.steps().size() - 1; i >= 0; i--) {
                Step step = j.steps().get(i);
                Optional<String> need = needsCredentials(inventory, path, step, 0);
                from[i] = need.isEmpty() ? from[i + 1] : (step.name() != null || step.id() != null
                        ? "step '" + step.label() + "'" : "the step on line " + step.location().startLine())
                        + " " + need.get();
            }
            return from;
        });
    }

    /** Why a step may need the persisted token, if it may: {@code path} is the file the step is written in. */
    private static Optional<String> needsCredentials(Inventory inventory, String path, Step step, int depth) {
        if (step.run() != null && REMOTE_GIT.matcher(step.run().value()).find()) {
            return Optional.of("runs git against a remote");
        }
        ActionRef uses = step.uses();
        if (uses == null) {
            return Optional.empty();
        }
        return switch (uses.kind()) {
            case LOCAL -> {
                Optional<ActionDefinition> action = inventory.actionIn(WorkflowTaint.resolve(path, uses.path()));
                if (action.isEmpty() || !action.get().isComposite() || depth >= MAX_ACTION_DEPTH) {
                    yield Optional.of("calls a local action whose steps are not known");
                }
                for (Step inner : action.get().steps()) {
                    Optional<String> need = needsCredentials(inventory, action.get().path(), inner, depth + 1);
                    if (need.isPresent()) {
                        yield need.get().startsWith("calls") ? need : Optional.of("calls a local action that " + need.get());
                    }
                }
                yield Optional.empty();
            }
            case SELF -> Optional.of("calls an action of this repository at another commit");
            case REPOSITORY -> PUSHING_ACTIONS.contains(uses.repository().toLowerCase(Locale.ROOT))
                    ? Optional.of("uses " + uses.repository() + ", an action that pushes with git") : Optional.empty();
            case DOCKER -> Optional.empty();
        };
    }
}
