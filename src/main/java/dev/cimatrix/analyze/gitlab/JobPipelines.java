package dev.cimatrix.analyze.gitlab;

import dev.cimatrix.analyze.expr.Truth;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.GitlabRuns;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Scalar;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The kinds of pipeline a GitLab job may run in, from its {@code rules} or its {@code only} and {@code except} (its
 * own, or those of the templates it extends), within those that {@code workflow: rules} creates. What cannot be known
 * before a pipeline runs (a variable set elsewhere, a condition on changed files, rules from another file) counts as
 * may-run, so the answer only leaves out what the file rules out.
 */
public final class JobPipelines {
    /** How many templates deep {@code extends} is followed. */
    private static final int MAX_EXTENDS = 10;
    /** Refs of {@code only} that name a source of pipelines, which run on branches and tags alike. */
    private static final Set<String> SOURCES = Set.of("api", "web", "schedules", "triggers", "pipelines", "pushes",
            "chat", "external");
    /** Rules that cannot be read from the file: those of a template it does not hold. */
    private static final GitlabRuns UNREAD = new GitlabRuns(null, List.of(), List.of(), List.of(), List.of(), true);

    /** The default branch's name, when known. */
    private final String defaultBranch;
    /** The kinds of pipeline {@code workflow: rules} creates. */
    private final Set<PipelineKind> created;
    /** The file's jobs and templates by name. */
    private final Map<String, GitlabJob> byName = new HashMap<>();

    private JobPipelines(GitlabPipeline pipeline, String defaultBranch) {
        this.defaultBranch = defaultBranch;
        this.created = pipeline.workflow() == null ? EnumSet.allOf(PipelineKind.class) : kinds(pipeline.workflow());
        for (GitlabJob job : pipeline.jobs()) {
            if (job.kind() != GitlabJob.Kind.DEFAULT) {
                byName.putIfAbsent(job.name(), job);
            }
        }
    }

    /** The pipelines of the file's jobs, its templates indexed once; the default branch's name not known. */
    public static JobPipelines of(GitlabPipeline pipeline) {
        return new JobPipelines(pipeline, null);
    }

    /**
     * As {@link #of(GitlabPipeline)}, with the default branch's name that the scan's settings snapshots state, when
     * they state one: then a rule that names a branch ({@code $CI_COMMIT_BRANCH == "main"}) tells the default branch's
     * pipelines from others'.
     */
    public static JobPipelines of(Inventory inventory, GitlabPipeline pipeline) {
        Set<String> stated = new HashSet<>();
        inventory.gitlabSettings().stream().map(GitlabSettings::defaultBranch).filter(Objects::nonNull)
                .forEach(b -> stated.add(b.value().strip()));
        return new JobPipelines(pipeline, stated.size() == 1 ? stated.iterator().next() : null);
    }

    /** The kinds the job may run in. */
    public Set<PipelineKind> of(GitlabJob job) {
        GitlabRuns runs = runs(job, 0);
        Set<PipelineKind> kinds = runs == null ? branchesAndTags() : kinds(runs);
        kinds.retainAll(created);
        return kinds;
    }

    /** A description of the kinds for messages: "merge request pipelines and other branches' pipelines". */
    public static String describe(Set<PipelineKind> kinds) {
        List<String> labels = kinds.stream().map(PipelineKind::label).toList();
        if (labels.isEmpty()) {
            return "no pipeline";
        }
        return labels.size() == 1 ? labels.get(0)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    /**
     * The job's own rules, or else those of the last template it extends that has some (as GitLab merges them); null
     * when none has any; {@link #UNREAD} when a template is not in the file (it comes from an include).
     */
    private GitlabRuns runs(GitlabJob job, int depth) {
        if (job.runs() != null) {
            return job.runs();
        }
        if (depth >= MAX_EXTENDS) {
            return UNREAD;
        }
        List<String> extended = job.extended();
        for (int i = extended.size() - 1; i >= 0; i--) {
            String name = extended.get(i);
            GitlabJob template = byName.get(name);
            if (template == null) {
                return UNREAD;
            }
            GitlabRuns inherited = runs(template, depth + 1);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    /** Without {@code rules}, {@code only} or {@code except}, a job runs in branch and tag pipelines. */
    private static Set<PipelineKind> branchesAndTags() {
        return EnumSet.of(PipelineKind.DEFAULT_BRANCH, PipelineKind.OTHER_BRANCH, PipelineKind.TAG);
    }

    private Set<PipelineKind> kinds(GitlabRuns runs) {
        if (runs.opaque() || runs.byRules() && runs.rules().isEmpty()) {
            return EnumSet.allOf(PipelineKind.class);
        }
        if (runs.byRules()) {
            Set<PipelineKind> kinds = EnumSet.noneOf(PipelineKind.class);
            for (PipelineKind kind : PipelineKind.values()) {
                if (mayRun(runs.rules(), kind)) {
                    kinds.add(kind);
                }
            }
            return kinds;
        }
        Set<PipelineKind> kinds = runs.only().isEmpty() ? branchesAndTags() : EnumSet.noneOf(PipelineKind.class);
        for (Scalar ref : runs.only()) {
            kinds.addAll(refKinds(ref.value().strip()));
        }
        if (!runs.onlyVariables().isEmpty()) {
            kinds.removeIf(kind -> runs.onlyVariables().stream().map(v -> holds(v.value(), kind))
                    .reduce(Truth.ALWAYS_FALSE, Truth::or) == Truth.ALWAYS_FALSE);
        }
        for (Scalar ref : runs.except()) {
            switch (ref.value().strip().toLowerCase(Locale.ROOT)) {
                case "branches" -> kinds.removeAll(Set.of(PipelineKind.DEFAULT_BRANCH, PipelineKind.OTHER_BRANCH));
                case "tags" -> kinds.remove(PipelineKind.TAG);
                case "merge_requests" -> kinds.remove(PipelineKind.MERGE_REQUEST);
                default -> {
                    // A branch name or pattern takes out only the refs it names, not a whole kind.
                }
            }
        }
        return kinds;
    }

    /** The kinds a ref of {@code only} lets in: a keyword's, or for a branch name or pattern, branches and tags. */
    private static Set<PipelineKind> refKinds(String ref) {
        String keyword = ref.toLowerCase(Locale.ROOT);
        if (keyword.equals("branches")) {
            return EnumSet.of(PipelineKind.DEFAULT_BRANCH, PipelineKind.OTHER_BRANCH);
        }
        if (keyword.equals("tags")) {
            return EnumSet.of(PipelineKind.TAG);
        }
        if (keyword.equals("merge_requests")) {
            return EnumSet.of(PipelineKind.MERGE_REQUEST);
        }
        if (keyword.equals("external_pull_requests")) {
            return EnumSet.noneOf(PipelineKind.class);
        }
        return SOURCES.contains(keyword) || !ref.isEmpty() ? branchesAndTags() : EnumSet.noneOf(PipelineKind.class);
    }

    /**
     * Whether some rule may add the job to a pipeline of the kind: one whose condition may hold, that does not say
     * {@code when: never}, with no rule before it that surely matches (the first match decides).
     */
    private boolean mayRun(List<GitlabRuns.Rule> rules, PipelineKind kind) {
        for (GitlabRuns.Rule rule : rules) {
            Truth matches = rule.opaque() ? Truth.DEPENDS
                    : rule.condition() == null ? Truth.ALWAYS_TRUE : holds(rule.condition().value(), kind);
            if (rule.conditional()) {
                matches = matches.and(Truth.DEPENDS);
            }
            if (matches == Truth.ALWAYS_FALSE) {
                continue;
            }
            if (!rule.when().equals("never")) {
                return true;
            }
            if (matches == Truth.ALWAYS_TRUE) {
                return false;
            }
        }
        return false;
    }

    private Truth holds(String expression, PipelineKind kind) {
        return RuleCondition.evaluate(expression, name -> {
            RuleValue value = kind.predefined(name, defaultBranch);
            return value != null ? value : RuleValue.UNKNOWN;
        });
    }
}
