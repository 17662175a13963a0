package dev.cimatrix.discover.gitlab;

import dev.cimatrix.discover.github.GithubReader;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.GitlabSettings.ApprovalRule;
import dev.cimatrix.model.GitlabSettings.Approvals;
import dev.cimatrix.model.GitlabSettings.ProtectedBranch;
import dev.cimatrix.model.GitlabSettings.Variable;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.cimatrix.discover.SettingsYaml.entries;
import static dev.cimatrix.discover.SettingsYaml.flag;
import static dev.cimatrix.discover.SettingsYaml.named;
import static dev.cimatrix.discover.SettingsYaml.scalar;
import static dev.cimatrix.discover.SettingsYaml.text;
import static dev.cimatrix.discover.SettingsYaml.unknown;

/**
 * Reads a GitLab project's settings snapshot ({@code cimatrix settings --gitlab}) into the model: the project's
 * attributes under {@code gitlab_project}, {@code protected_branches}, the merge request {@code approvals} and
 * {@code approval_rules}, and the {@code job_token_scope}, each as GitLab's REST API answers it. An entry of the wrong
 * shape is a warning at its position and the rest is still read.
 */
public final class GitlabSettingsReader {
    private static final Set<String> KEYS = Set.of("gitlab_project", "protected_branches", "approvals",
            "approval_rules", "job_token_scope", "variables", "read_at", "unknown");

    private GitlabSettingsReader() {
    }

    /** Whether a YAML file named on the command line is a GitLab settings snapshot. */
    public static boolean looksLikeGitlabSettings(YamlDocumentSet file) {
        return file.firstRoot().filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                .filter(map -> map.getMapping("gitlab_project").isPresent() && KEYS.containsAll(map.keys()))
                .isPresent();
    }

    public static Optional<GitlabSettings> read(YamlDocumentSet file, List<ReadProblem> problems) {
        Optional<YamlMapping> root = GithubReader.rootMapping(file, problems, "settings file");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping map = root.get();
        Optional<YamlMapping> project = map.getMapping("gitlab_project");
        List<ProtectedBranch> branches = null;
        if (map.containsKey("protected_branches")) {
            branches = new ArrayList<>();
            for (YamlMapping entry : named(map, "protected_branches", "name", problems)) {
                branches.add(new ProtectedBranch(text(entry, "name"), entry.location(), levels(entry, "push_access_levels", problems),
                        entry.entry("push_access_levels").map(e -> e.key().location()).orElse(entry.location()),
                        flag(entry, "allow_force_push")));
            }
        }
        Approvals approvals = map.getMapping("approvals").map(a -> new Approvals(a.location(),
                a.getScalar("approvals_before_merge").flatMap(YamlScalar::asNumber).map(Number::intValue).orElse(-1),
                flag(a, "merge_requests_author_approval"), flag(a, "merge_requests_disable_committers_approval"),
                flag(a, "reset_approvals_on_push"))).orElse(null);
        List<ApprovalRule> rules = null;
        if (map.containsKey("approval_rules")) {
            rules = new ArrayList<>();
            for (YamlMapping rule : entries(map, "approval_rules", problems)) {
                rules.add(rule(rule, problems));
            }
        }
        List<Variable> variables = null;
        if (map.containsKey("variables")) {
            variables = new ArrayList<>();
            for (YamlMapping variable : named(map, "variables", "key", problems)) {
                variables.add(new Variable(text(variable, "key"), variable.location(), flag(variable, "protected"),
                        flag(variable, "masked"), flag(variable, "hidden"), text(variable, "environment_scope"),
                        variable.getText("variable_type").map(t -> t.strip().equals("file")).orElse(false)));
            }
        }
        Optional<Scalar> path = project.map(p -> text(p, "path_with_namespace"));
        return Optional.of(new GitlabSettings(file.path(), map.location(), path.orElse(null),
                project.map(p -> text(p, "default_branch")).orElse(null), branches, approvals, rules,
                project.map(p -> text(p, "ci_pipeline_variables_minimum_override_role")).orElse(null),
                project.map(p -> flag(p, "restrict_user_defined_variables")).orElse(null),
                map.getMapping("job_token_scope").map(s -> flag(s, "inbound_enabled")).orElse(null),
                project.map(p -> text(p, "visibility")).orElse(null), project.map(p -> flag(p, "public_jobs")).orElse(null),
                variables, unknown(map)));
    }

    /** The {@code access_level} of each entry of an access level list. */
    private static List<Integer> levels(YamlMapping entry, String key, List<ReadProblem> problems) {
        List<Integer> levels = new ArrayList<>();
        for (YamlMapping level : entries(entry, key, problems)) {
            level.getScalar("access_level").flatMap(YamlScalar::asNumber).ifPresent(n -> levels.add(n.intValue()));
        }
        return levels;
    }

    private static ApprovalRule rule(YamlMapping rule, List<ReadProblem> problems) {
        Scalar name = rule.getScalar("name").map(s -> scalar(s)).orElse(Scalar.of("(unnamed)", rule.location()));
        int required = rule.getScalar("approvals_required").flatMap(YamlScalar::asNumber).map(Number::intValue).orElse(0);
        boolean all = rule.getScalar("applies_to_all_protected_branches").flatMap(YamlScalar::asBoolean).orElse(false);
        List<String> branches = new ArrayList<>();
        for (YamlMapping branch : entries(rule, "protected_branches", problems)) {
            branch.getText("name").ifPresent(branches::add);
        }
        return new ApprovalRule(name, rule.location(), required, all, branches);
    }
}
