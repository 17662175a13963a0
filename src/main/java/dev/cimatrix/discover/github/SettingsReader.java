package dev.cimatrix.discover.github;

import dev.cimatrix.discover.SettingsYaml;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.GithubSettings.ActionsSettings;
import dev.cimatrix.model.GithubSettings.BranchProtection;
import dev.cimatrix.model.GithubSettings.BypassActor;
import dev.cimatrix.model.GithubSettings.Environment;
import dev.cimatrix.model.GithubSettings.Organization;
import dev.cimatrix.model.GithubSettings.Webhook;
import dev.cimatrix.model.GithubSettings.Reviews;
import dev.cimatrix.model.GithubSettings.Ruleset;
import dev.cimatrix.model.GithubSettings.RunnerGroup;
import dev.cimatrix.model.GithubSettings.Secret;
import dev.cimatrix.model.GithubSettings.SecurityAnalysis;
import dev.cimatrix.model.GithubSettings.RulesetRule;
import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.SettingFlag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.cimatrix.discover.SettingsYaml.entries;
import static dev.cimatrix.discover.SettingsYaml.flag;
import static dev.cimatrix.discover.SettingsYaml.named;
import static dev.cimatrix.discover.SettingsYaml.scalar;
import static dev.cimatrix.discover.SettingsYaml.text;
import static dev.cimatrix.discover.SettingsYaml.unknown;

/**
 * Reads a GitHub repository's settings file into the model: the Settings app's {@code .github/settings.yml}, or a
 * snapshot of the live settings written by {@code cimatrix settings}. Both spell settings as GitHub's REST API does,
 * and both shapes the API uses for a flag are read ({@code enforce_admins: true} as written to it,
 * {@code enforce_admins: {enabled: true}} as it answers). An entry of the wrong shape is a warning at its position and
 * the rest is still read.
 */
public final class SettingsReader {
    /** The top-level keys of the Settings app (its plugins), and {@code actions} and {@code unknown} of a snapshot. */
    private static final Set<String> KEYS = Set.of("repository", "labels", "milestones", "collaborators", "teams",
            "branches", "environments", "rulesets", "autolinks", "actions", "organization", "hooks", "runner_groups",
            "secrets", "organization_secrets", "read_at", "unknown", "_extends");

    private SettingsReader() {
    }

    /**
     * Whether a YAML file named on the command line is a settings file: a mapping whose keys are all settings keys,
     * with a repository, its branches, rulesets, environments or Actions settings among them.
     */
    public static boolean looksLikeSettings(YamlDocumentSet file) {
        return file.firstRoot().filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast)
                .filter(map -> !map.isEmpty() && KEYS.containsAll(map.keys()))
                .filter(map -> map.getMapping("repository").isPresent() || map.getSequence("branches").isPresent()
                        || map.getSequence("rulesets").isPresent() || map.getSequence("environments").isPresent()
                        || map.getMapping("actions").isPresent() || map.getMapping("organization").isPresent()
                        || map.getSequence("hooks").isPresent() || map.getSequence("runner_groups").isPresent()
                        || map.getSequence("secrets").isPresent())
                .isPresent();
    }

    public static Optional<GithubSettings> read(YamlDocumentSet file, List<ReadProblem> problems) {
        Optional<YamlMapping> root = GithubReader.rootMapping(file, problems, "settings file");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping map = root.get();
        Optional<YamlMapping> repository = map.getMapping("repository");
        Scalar defaultBranch = repository.flatMap(r -> r.getScalar("default_branch"))
                .filter(s -> !s.isNull() && !s.text().isBlank()).map(SettingsYaml::scalar).orElse(null);
        Scalar visibility = repository.map(SettingsReader::visibility).orElse(null);
        List<BranchProtection> branches = new ArrayList<>();
        for (YamlMapping entry : named(map, "branches", "name", problems)) {
            branches.add(branch(text(entry, "name"), entry, problems));
        }
        List<Ruleset> rulesets = new ArrayList<>();
        for (YamlMapping entry : entries(map, "rulesets", problems)) {
            String target = entry.getScalar("target").map(YamlScalar::text).orElse("branch");
            if (target.equals("branch")) {
                rulesets.add(ruleset(entry, problems));
            }
        }
        List<Environment> environments = new ArrayList<>();
        for (YamlMapping entry : named(map, "environments", "name", problems)) {
            environments.add(environment(text(entry, "name"), entry));
        }
        List<Webhook> hooks = new ArrayList<>();
        for (YamlMapping hook : entries(map, "hooks", problems)) {
            Optional<YamlMapping> config = hook.getMapping("config");
            Optional<YamlScalar> url = config.flatMap(c -> c.getScalar("url")).filter(u -> !u.isNull());
            if (url.isEmpty()) {
                problems.add(new ReadProblem(hook.location(), "a hook has no 'config.url'", false));
                continue;
            }
            boolean active = hook.getScalar("active").flatMap(YamlScalar::asBoolean).orElse(true);
            boolean signed = config.flatMap(c -> c.getScalar("secret")).filter(s -> !s.isNull() && !s.text().isBlank())
                    .isPresent();
            boolean insecure = config.flatMap(c -> c.getScalar("insecure_ssl")).map(s -> s.text().strip().equals("1"))
                    .orElse(false);
            List<String> events = hook.getSequence("events").map(seq -> seq.items().stream()
                    .filter(YamlScalar.class::isInstance).map(i -> ((YamlScalar) i).text()).toList()).orElse(List.of());
            hooks.add(new Webhook(scalar(url.get()), hook.location(), active, signed, insecure, events));
        }
        ActionsSettings actions = map.getMapping("actions").map(SettingsReader::actions).orElse(null);
        Organization organization = map.getMapping("organization").map(o -> new Organization(text(o, "login"),
                o.location(), flag(o, "two_factor_requirement_enabled"), text(o, "default_repository_permission"),
                flag(o, "members_can_create_public_repositories")))
                .orElse(null);
        List<RunnerGroup> runnerGroups = new ArrayList<>();
        for (YamlMapping group : named(map, "runner_groups", "name", problems)) {
            int runners = group.getScalar("runners").filter(r -> !r.isNull()).flatMap(r -> {
                try {
                    return Optional.of(Integer.parseInt(r.text().strip()));
                } catch (NumberFormatException e) {
                    problems.add(new ReadProblem(r.location(), "'runners' must be a count of runners", false));
                    return Optional.empty();
                }
            }).orElse(-1);
            runnerGroups.add(new RunnerGroup(text(group, "name"), group.location(), text(group, "visibility"),
                    flag(group, "allows_public_repositories"), flag(group, "restricted_to_workflows"), runners));
        }
        List<Secret> secrets = new ArrayList<>();
        for (YamlMapping secret : named(map, "secrets", "name", problems)) {
            secrets.add(new Secret(text(secret, "name"), secret.location(), text(secret, "visibility"),
                    text(secret, "updated_at")));
        }
        return Optional.of(new GithubSettings(file.path(), map.location(), organization, defaultBranch, visibility,
                branches, rulesets, environments, hooks, actions,
                repository.flatMap(r -> r.getMapping("security_and_analysis")).map(SettingsReader::security).orElse(null),
                runnerGroups, secrets, map.containsKey("secrets"),
                map.containsKey("organization_secrets") ? names(map, "organization_secrets") : null, text(map, "read_at"),
                unknown(map)));
    }

    private static BranchProtection branch(Scalar name, YamlMapping entry, List<ReadProblem> problems) {
        Optional<YamlEntry> protectionEntry = entry.entry("protection");
        if (protectionEntry.isEmpty()) {
            return new BranchProtection(name, entry.location(), null, false, null, null, null, null);
        }
        Location where = protectionEntry.get().key().location();
        YamlNode value = protectionEntry.get().value();
        if (!(value instanceof YamlMapping protection)) {
            if (!(value instanceof YamlScalar s && s.isNull())) {
                problems.add(new ReadProblem(value.location(), "'protection' must be a mapping, or null to turn it off",
                        false));
            }
            return new BranchProtection(name, entry.location(), where, false, null, null, null, null);
        }
        Reviews reviews = protection.getMapping("required_pull_request_reviews")
                .map(r -> reviews(r, "dismiss_stale_reviews", "require_last_push_approval", "require_code_owner_reviews"))
                .orElse(null);
        return new BranchProtection(name, entry.location(), where, true, reviews, flag(protection, "enforce_admins"),
                flag(protection, "allow_force_pushes"), flag(protection, "allow_deletions"));
    }

    private static Reviews reviews(YamlMapping map, String dismissStale, String lastPush, String codeOwners) {
        int approvals = map.getScalar("required_approving_review_count").flatMap(YamlScalar::asNumber)
                .map(Number::intValue).orElse(-1);
        return new Reviews(map.location(), approvals, flag(map, dismissStale), flag(map, lastPush), flag(map, codeOwners));
    }

    private static Ruleset ruleset(YamlMapping entry, List<ReadProblem> problems) {
        Scalar name = entry.getScalar("name").map(SettingsYaml::scalar)
                .orElse(Scalar.of("(unnamed)", entry.location()));
        String enforcement = entry.getScalar("enforcement").map(YamlScalar::text).orElse("active");
        Optional<YamlMapping> refName = entry.getMapping("conditions").flatMap(c -> c.getMapping("ref_name"));
        List<RulesetRule> rules = new ArrayList<>();
        for (YamlMapping rule : entries(entry, "rules", problems)) {
            String type = rule.getScalar("type").map(YamlScalar::text).orElse("");
            Reviews reviews = type.equals("pull_request")
                    ? reviews(rule.getMapping("parameters").orElse(rule), "dismiss_stale_reviews_on_push",
                            "require_last_push_approval", "require_code_owner_review")
                    : null;
            rules.add(new RulesetRule(type, rule.location(), reviews));
        }
        List<BypassActor> bypass = new ArrayList<>();
        for (YamlMapping actor : entries(entry, "bypass_actors", problems)) {
            bypass.add(new BypassActor(actor.getScalar("actor_type").map(YamlScalar::text).orElse(""),
                    actor.getScalar("actor_id").map(YamlScalar::text).orElse(""),
                    actor.getScalar("bypass_mode").map(YamlScalar::text).orElse("always"), actor.location()));
        }
        return new Ruleset(name, entry.location(), enforcement, texts(refName, "include"), texts(refName, "exclude"),
                rules, bypass);
    }

    private static List<String> texts(Optional<YamlMapping> map, String key) {
        return map.flatMap(m -> m.getSequence(key)).map(seq -> seq.items().stream()
                .filter(YamlScalar.class::isInstance).map(i -> ((YamlScalar) i).text()).toList()).orElse(List.of());
    }

    /** An environment's reviewers and branch policy, from the Settings app's keys or the API's protection rules. */
    private static Environment environment(Scalar name, YamlMapping entry) {
        int reviewers = entry.getSequence("reviewers").map(YamlSequence::size).orElse(0);
        SettingFlag preventSelfReview = flag(entry, "prevent_self_review");
        for (YamlNode rule : entry.getSequence("protection_rules").map(YamlSequence::items).orElse(List.of())) {
            if (rule instanceof YamlMapping r && r.getText("type").orElse("").equals("required_reviewers")) {
                reviewers += r.getSequence("reviewers").map(YamlSequence::size).orElse(0);
                if (preventSelfReview == null) {
                    preventSelfReview = flag(r, "prevent_self_review");
                }
            }
        }
        Location branchPolicy = entry.entry("deployment_branch_policy")
                .filter(e -> e.value() instanceof YamlMapping).map(e -> e.key().location()).orElse(null);
        return new Environment(name, entry.location(), reviewers, preventSelfReview, branchPolicy,
                flag(entry, "can_admins_bypass"), entry.containsKey("secrets") ? names(entry, "secrets") : null);
    }

    /** The {@code name}s of a list of secrets: entries with a name, or names written alone. */
    private static List<String> names(YamlMapping map, String key) {
        List<String> names = new ArrayList<>();
        map.getSequence(key).ifPresent(seq -> seq.items().forEach(item -> {
            if (item instanceof YamlScalar s && !s.isNull()) {
                names.add(s.text().strip());
            } else if (item instanceof YamlMapping m) {
                m.getText("name").map(String::strip).filter(n -> !n.isEmpty()).ifPresent(names::add);
            }
        }));
        return names;
    }

    private static SecurityAnalysis security(YamlMapping map) {
        return new SecurityAnalysis(map.location(), status(map, "secret_scanning"),
                status(map, "secret_scanning_push_protection"));
    }

    /** {@code key.status}, as the API answers a security feature ({@code secret_scanning: {status: enabled}}). */
    private static Scalar status(YamlMapping map, String key) {
        return map.getMapping(key).map(m -> text(m, "status")).orElse(null);
    }

    private static ActionsSettings actions(YamlMapping map) {
        List<String> patterns = map.getMapping("selected_actions").flatMap(s -> s.getSequence("patterns_allowed"))
                .map(seq -> seq.items().stream().filter(YamlScalar.class::isInstance)
                        .map(i -> ((YamlScalar) i).text()).toList()).orElse(List.of());
        return new ActionsSettings(map.location(), text(map, "default_workflow_permissions"),
                flag(map, "can_approve_pull_request_reviews"), text(map, "allowed_actions"), patterns,
                flag(map, "sha_pinning_required"), text(map, "fork_pr_approval_policy"));
    }

    /** {@code visibility}, or {@code private: true/false} as the Settings app writes it. */
    private static Scalar visibility(YamlMapping repository) {
        Scalar visibility = text(repository, "visibility");
        if (visibility != null) {
            return visibility;
        }
        return repository.getScalar("private").flatMap(p -> p.asBoolean().map(b -> Scalar.of(b ? "private" : "public",
                p.location()))).orElse(null);
    }

}
