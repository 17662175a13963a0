package dev.cimatrix.detect;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.store.DetectionState;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Generates {@code docs/rules.md} (the built-in pack) and {@code docs/detection-conformance.md} (our verdicts
 * against every peer verdict in the shared audit-log corpus that a pack rule or a loaded SigmaHQ rule covers).
 * By default the test checks that both files are current; with {@code -Dcimatrix.writeDocs=true} it rewrites them:
 * <pre>./mvnw -q -B test -Dtest=DetectionDocsTest -Dcimatrix.writeDocs=true</pre>
 */
class DetectionDocsTest {
    static final Path CORPUS = SharedData.file("corpus/audit-logs");
    static final Path EXPLANATIONS = Path.of("src/test/resources/conformance/explanations.jsonl");
    static final boolean WRITE = Boolean.getBoolean("cimatrix.writeDocs");
    static final Map<String, EventSource> FILE_SOURCES = Map.of(
            "github-audit.jsonl", EventSource.GITHUB_AUDIT,
            "github-webhook.jsonl", EventSource.GITHUB_WEBHOOK,
            "gitlab-audit.jsonl", EventSource.GITLAB_AUDIT,
            "cloudtrail.jsonl", EventSource.CLOUDTRAIL,
            "k8s-audit.jsonl", EventSource.K8S_AUDIT);

    /**
     * Which pack rules cover which peer rule (by the peer's rule name or, for attack emulations, the technique).
     * A verdict of ours is "alert" when any listed rule fires on the event. Peer rules not listed here are not
     * covered and are counted separately.
     */
    static final Map<String, List<String>> COVERAGE = new LinkedHashMap<>();

    static {
        String gh = "github-audit/";
        String wh = "github-webhook/";
        String ct = "cloudtrail/";
        String k8 = "k8s-audit/";
        cover("GitHub Branch Protection Disabled", gh + "branch_protection_removed");
        cover("GitHub Branch Protection Policy Override", gh + "protection_policy_override");
        cover("GitHub Security Change, includes GitHub Advanced Security", gh + "secret_scanning_disabled",
                gh + "push_protection_disabled", gh + "dependency_and_code_scanning_disabled",
                gh + "two_factor_requirement_disabled", gh + "sso_or_ip_allow_list_weakened");
        cover("GitHub Org Authentication Method Changed", gh + "two_factor_requirement_disabled",
                gh + "sso_or_ip_allow_list_weakened", gh + "oauth_app_access_opened");
        cover("GitHub Org IP Allow List modified", gh + "sso_or_ip_allow_list_weakened");
        cover("Github Organization App Integration Installed", gh + "github_app_installed");
        cover("Github Public Repository Created", gh + "repository_made_public");
        cover("GitHub Repository Visibility Change", gh + "repository_made_public");
        cover("Github Repository Transfer", gh + "repository_transferred");
        cover("DEPRECATED - GitHub Web Hook Modified", gh + "webhook_created_or_changed", gh + "webhook_deleted");
        cover("GitHub Web Hook Modified", gh + "webhook_created_or_changed", gh + "webhook_deleted");
        cover("GitHub User Initial Access to Private Repo", gh + "first_access_to_private_repository");
        cover("GitHub Repository Ruleset Modified", gh + "ruleset_weakened", gh + "ruleset_deleted");
        cover("GitHub Dependabot Vulnerability Dismissed", gh + "dependency_and_code_scanning_disabled");
        cover("GitHub Secret Scanning Alert Created", gh + "secret_scanning_alert");
        cover("GitHub Supply Chain - Software Installation Tool User Agents", gh + "package_manager_user_agent");
        cover("GitHub User Access Key Created", gh + "deploy_key_added");
        cover("GitHub User Role Updated", gh + "owner_or_admin_granted");
        cover("GitHub Workflow Permissions Modified", gh + "default_workflow_token_write");
        cover("GitHub Workflow Dispatched by GitHub Actions Bot", gh + "workflow_dispatched_by_workflow_token");
        cover("GitHub Repository Collaborator Change", gh + "collaborator_or_member_added");
        cover("GitHub User Added or Removed from Org", gh + "collaborator_or_member_added");
        cover("GitHub Team Modified", gh + "collaborator_or_member_added");
        cover("GitHub Cross-Fork Workflow Run", wh + "fork_pull_request_probe", wh + "pull_request_target_from_fork");
        cover("GitHub pull_request_target Workflow Usage", wh + "pull_request_target_from_fork");
        cover("GitHub Workflow Using Self-Hosted Runner", wh + "self_hosted_runner_public_repository");
        cover("GitHub Malicious Pull Request Content", wh + "injection_in_pull_request_metadata");
        cover("GitHub Malicious Comment/Review Content", wh + "injection_in_issue_or_comment");
        cover("GitHub Malicious Issue/Pages Content", wh + "injection_in_issue_or_comment");
        cover("GitHub Malicious Commit Content", wh + "injection_in_commit_metadata");
        cover("GitHub Commits Skipping Workflows", wh + "workflows_skipped_by_commit_message");
        cover("GitHub Sha1-Hulud Malicious Repository Created", wh + "credential_dump_repository_created");
        cover("CVE-2023-7028 - GitLab Audit Password Reset Multiple Emails",
                "gitlab-audit/password_reset_to_multiple_emails");
        cover("AWS User API Key Created", ct + "access_key_created_for_another_user");
        cover("AWS Compromised IAM Key Quarantine", ct + "compromised_key_quarantined");
        cover("AWS IAM Access Key Compromise Detection", ct + "compromised_key_quarantined");
        cover("Monitor Unauthorized API Calls", ct + "access_denied_burst");
        cover("AWS STS GetCallerIdentity via TruffleHog", ct + "key_validation_by_secret_scanner");
        cover("AWS STS GetSessionToken by IAM User", ct + "session_token_minted_from_user_key");
        cover("EC2 Secrets Manager Retrieve Secrets", ct + "secret_read_burst");
        cover("AWS Secrets Manager Batch Retrieve Secrets", ct + "secrets_batch_retrieval");
        cover("AWS Secrets Manager Batch Retrieve Secrets Catch-All", ct + "secrets_batch_retrieval");
        cover("AWS Secrets Manager Retrieve Secrets Multi-Region", ct + "secrets_batch_retrieval");
        cover("AWS Decrypt SSM Parameters", ct + "ssm_decrypted_parameter_burst");
        cover("ECR CRUD Actions", ct + "ecr_image_pushed_outside_ci");
        cover("AWS ECR Events", ct + "ecr_image_pushed_outside_ci");
        cover("CodeBuild Project made Public", ct + "codebuild_project_made_public");
        cover("Lambda Code Updated by User", ct + "lambda_code_updated_by_person");
        cover("CloudTrail Stopped", ct + "cloudtrail_logging_stopped");
        cover("CloudTrail Event Selectors Disabled", ct + "cloudtrail_selectors_reduced");
        cover("IAM Administrator Role Policy Attached", ct + "admin_policy_granted");
        cover("AWS IMDS Credential Usage Outside Expected Services", ct + "instance_role_used_off_instance");
        cover("aws.defense-evasion.cloudtrail-stop", ct + "cloudtrail_logging_stopped");
        cover("aws.defense-evasion.cloudtrail-delete", ct + "cloudtrail_logging_stopped");
        cover("aws.defense-evasion.cloudtrail-event-selectors", ct + "cloudtrail_selectors_reduced");
        cover("aws.persistence.iam-backdoor-user", ct + "access_key_created_for_another_user");
        cover("aws.persistence.iam-backdoor-role", ct + "role_trust_policy_changed");
        cover("aws.persistence.iam-create-admin-user", ct + "admin_policy_granted",
                ct + "access_key_created_for_another_user", ct + "iam_user_or_console_login_created");
        cover("aws.persistence.iam-create-backdoor-role", ct + "admin_policy_granted", ct + "role_trust_policy_changed",
                ct + "role_created_trusting_outside_account");
        cover("aws.persistence.lambda-overwrite-code", ct + "lambda_code_updated_by_person");
        cover("aws.persistence.sts-federation-token", ct + "session_token_minted_from_user_key");
        cover("aws.credential-access.secretsmanager-batch-retrieve-secrets", ct + "secrets_batch_retrieval");
        cover("aws.credential-access.secretsmanager-retrieve-secrets", ct + "secret_read_burst");
        cover("aws.credential-access.ssm-retrieve-securestring-parameters", ct + "ssm_decrypted_parameter_burst");
        cover("aws.credential-access.ec2-steal-instance-credentials", ct + "instance_role_used_off_instance");
        cover("Kubernetes All Secrets Dumped Across Namespaces", k8 + "secrets_listed_across_namespaces");
        cover("Kubernetes Secret Enumeration by a User", k8 + "secret_read_burst");
        cover("Kubernetes Exec Into Pod", k8 + "exec_into_pod");
        cover("Kubernetes Long-Lived Service Account Token Created", k8 + "service_account_token_created");
        cover("Kubernetes Service Account Token Theft from Pod", k8 + "service_account_token_read_via_exec");
        cover("Kubernetes ClusterRoleBinding to Privileged Role", k8 + "privileged_role_bound");
        cover("Kubernetes System Principal Accessed from Non-Cloud Public IP",
                k8 + "service_account_used_from_outside");
    }

    private static void cover(String peerRule, String... ours) {
        COVERAGE.put(peerRule, List.of(ours));
    }

    @TempDir
    Path tmp;

    /** One verdict of the corpus compared with ours. */
    record Verdict(String file, int line, String peer, String peerRule, String basis, boolean expected,
                   boolean ours, String note) {
        String key() {
            return file + ":" + line + ":" + peerRule;
        }
    }

    @Test
    void rulesDocumentIsCurrent() throws IOException {
        check(Path.of("docs/rules.md"), rulesMarkdown());
    }

    @Test
    void conformanceDocumentIsCurrent() throws IOException {
        assumeTrue(Files.isRegularFile(CORPUS.resolve("labels.jsonl")), "the shared corpus is not present");
        check(Path.of("docs/detection-conformance.md"), conformanceMarkdown());
    }

    private static void check(Path doc, String generated) throws IOException {
        if (WRITE) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(doc).exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("%s is out of date; regenerate with -Dcimatrix.writeDocs=true", doc).isEqualTo(generated);
    }

    // ------------------------------------------------------------------------------------------ rules.md

    static String kind(Rule r) {
        if (r.isCorrelation()) {
            return r.correlation().type().sigmaName();
        }
        return r.baseline() != null ? "first-seen" : "single event";
    }

    String rulesMarkdown() {
        Catalog catalog = Catalog.builtin();
        RuleCells ruleCells = new RuleCells(() -> catalog);
        StringBuilder out = new StringBuilder();
        List<Rule> rules = new ArrayList<>();
        Map<Rule, String> files = new LinkedHashMap<>();
        for (Path f : BuiltinRulePackTest.ruleFiles()) {
            String rel = BuiltinRulePackTest.relative(f);
            RuleSet set = RuleSet.builder().add(rel, RuleCases.text(f)).build();
            for (Rule r : RuleCases.alerting(set.rules())) {
                rules.add(r);
                files.put(r, rel);
            }
        }
        Map<String, Integer> bySource = new TreeMap<>();
        Map<String, Set<String>> byTactic = new LinkedHashMap<>();
        Map<String, Integer> byPrimary = new LinkedHashMap<>();
        for (String t : List.of("RECON", "INIT", "EXEC", "PERS", "PRIV", "EVAS", "CRED", "LATM", "EXFL", "IMPT")) {
            byTactic.put(t, new LinkedHashSet<>());
            byPrimary.put(t, 0);
        }
        for (Rule r : rules) {
            bySource.merge(r.source().id(), 1, Integer::sum);
            List<String> cells = ruleCells.of(r);
            for (String cell : cells) {
                byTactic.computeIfAbsent(cell.substring(0, cell.indexOf('/')), k -> new LinkedHashSet<>())
                        .add(files.get(r));
            }
            if (!cells.isEmpty()) {
                byPrimary.merge(cells.get(0).substring(0, cells.get(0).indexOf('/')), 1, Integer::sum);
            }
        }
        out.append("# Built-in detection rules\n\n");
        out.append("Generated from `src/main/resources/rules/` by `DetectionDocsTest`; regenerate with\n")
                .append("`./mvnw -q -B test -Dtest=DetectionDocsTest -Dcimatrix.writeDocs=true`.\n\n");
        out.append("The pack has ").append(rules.size()).append(" alerting rules. Every rule is a standard Sigma ")
                .append("rule with `cicd.tNNN` technique tags, tactic tags that pin its matrix cells, and a ")
                .append("`control` naming the catalog's detective control it implements. Stateful rules are Sigma ")
                .append("correlation documents in the same file as their base rules (which do not alert on their ")
                .append("own), or use the `cimatrix.firstSeen` extension. Cells list each tagged technique under ")
                .append("the tagged tactics it belongs to (or under all its tactics when none is tagged). Test ")
                .append("events for each rule are in `src/test/resources/rules/<same path>.events.jsonl`.\n\n");
        out.append("Test events are JSON Lines, one case per line: `{\"expect\": true|false, \"note\": \"...\", ")
                .append("\"event\": {...}}` for one event judged alone, `\"events\": [...]` for a sequence (correlations), ")
                .append("and an optional `\"history\": [...]` fed first to build first-seen state. `expect` says whether ")
                .append("the rule must raise an alert containing one of the judged events. `BuiltinRulePackTest` runs ")
                .append("every case on a fresh detector.\n\n");
        out.append("Allow lists inside rules (webhook receivers, runner egress ranges, the OIDC organisation, ")
                .append("approved registries) hold example values that each organisation replaces.\n\n");
        out.append("## Rules per log source\n\n| Log source | Rules |\n|---|---|\n");
        bySource.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        out.append("\n## Rules per tactic\n\n\"Primary\" counts each rule once, under the first cell it lists (its main ")
                .append("technique and tactic); \"any cell\" counts a rule under every tactic of its cells.\n\n")
                .append("| Tactic | Primary | Any cell |\n|---|---|---|\n");
        byTactic.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(byPrimary.get(k)).append(" | ")
                .append(v.size()).append(" |\n"));
        String current = null;
        for (Rule r : rules) {
            String source = r.source().id();
            if (!source.equals(current)) {
                current = source;
                out.append("\n## ").append(source).append("\n\n")
                        .append("| Rule | Id | Cells | Control | Kind | Level |\n|---|---|---|---|---|---|\n");
            }
            String control = r.control();
            Optional<Control> c = catalog.control(r.control());
            if (c.isPresent()) {
                control = control + " " + c.get().name();
            }
            out.append("| `").append(files.get(r)).append("`<br>").append(r.title()).append(" | `").append(r.id())
                    .append("` | ").append(String.join(", ", ruleCells.of(r))).append(" | ").append(control)
                    .append(" | ").append(kind(r)).append(" | ").append(r.severity().sigmaLevel()).append(" |\n");
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------ conformance

    /** The pack with correlations left out, so base rules of stateful rules alert per event. */
    static RuleSet perEventPack(Map<String, Set<String>> keysByFile) {
        RuleSet.Builder builder = RuleSet.builder();
        for (Path f : BuiltinRulePackTest.ruleFiles()) {
            String rel = BuiltinRulePackTest.relative(f);
            String[] docs = RuleCases.text(f).split("(?m)^---\\s*$");
            Set<String> keys = new LinkedHashSet<>();
            for (String doc : docs) {
                if (doc.contains("\ncorrelation:")) {
                    continue;
                }
                RuleSet one = RuleSet.builder().add(rel, doc).build();
                one.rules().forEach(r -> keys.add(r.key()));
                builder.add(rel, doc);
            }
            keysByFile.put(rel.replaceAll("\\.yml$", ""), keys);
        }
        return builder.build();
    }

    static RuleSet sigmaRules() {
        RuleSet.Builder builder = RuleSet.builder();
        for (Path f : SigmaHqRulesTest.ruleFiles()) {
            builder.add(SigmaHqRulesTest.ROOT.relativize(f).toString(), RuleCases.text(f));
        }
        return builder.build();
    }

    /** For every corpus line, the keys of the rules that alert on that event alone. */
    Map<String, Map<Integer, Set<String>>> firing(RuleSet rules, boolean repeatFirst) throws IOException {
        Map<String, Map<Integer, Set<String>>> out = new TreeMap<>();
        for (Map.Entry<String, EventSource> e : FILE_SOURCES.entrySet()) {
            List<String> lines = Files.readAllLines(CORPUS.resolve(e.getKey()), StandardCharsets.UTF_8);
            Map<Integer, Set<String>> perLine = new TreeMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Path log = Files.createTempFile(tmp, "line", ".jsonl");
                List<String> content = repeatFirst ? List.of(lines.get(i), lines.get(i)) : List.of(lines.get(i));
                Files.write(log, content, StandardCharsets.UTF_8);
                perLine.put(i + 1, fired(rules, e.getValue(), log, repeatFirst ? 1 : 0));
            }
            out.put(e.getKey(), perLine);
        }
        return out;
    }

    private Set<String> fired(RuleSet rules, EventSource source, Path log, int historyLines) throws IOException {
        boolean needsState = rules.rules().stream().anyMatch(r -> r.baseline() != null && r.source() == source);
        DetectionState state = needsState ? DetectionState.open(Files.createTempFile(tmp, "state", ".db")) : null;
        try {
            Detector d = new Detector(rules, new Detector.Options(source, 0, 1L, LogReader.DEFAULT_MAX_EVENT_BYTES),
                    state, a -> { });
            d.read(log, "corpus", false, () -> true);
            d.finish();
            Set<String> keys = new LinkedHashSet<>();
            for (Alert a : d.alerts()) {
                if (a.events().stream().anyMatch(ev -> ev.line() > historyLines)) {
                    keys.add(a.rule().key());
                }
            }
            return keys;
        } finally {
            if (state != null) {
                state.close();
            }
        }
    }

    List<Verdict> verdicts() throws IOException {
        Map<String, Set<String>> keysByFile = new LinkedHashMap<>();
        RuleSet pack = perEventPack(keysByFile);
        assertThat(pack.refused()).isEmpty();
        RuleSet sigma = sigmaRules();
        Map<String, Map<Integer, Set<String>>> packFires = firing(pack, false);
        Map<String, Map<Integer, Set<String>>> packFiresWithHistory = firing(pack, true);
        Map<String, Map<Integer, Set<String>>> sigmaFires = firing(sigma, false);
        Map<String, String> sigmaIds = new LinkedHashMap<>();
        sigma.rules().forEach(r -> sigmaIds.put(r.id(), r.key()));

        List<Verdict> verdicts = new ArrayList<>();
        Set<String> sigmaLabelled = new LinkedHashSet<>();
        for (String text : Files.readAllLines(CORPUS.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode l = RuleCases.JSON.readTree(text);
            String file = l.get("file").asString();
            int line = l.get("line").asInt();
            String basis = l.get("basis").asString();
            boolean expected = l.get("expected_alert").asBoolean();
            String peer = l.get("peer").asString();
            if (basis.equals("computed_sigma_match")) {
                String id = l.get("rule_id").asString();
                if (!sigmaIds.containsKey(id)) {
                    continue;
                }
                sigmaLabelled.add(file + ":" + line + ":" + id);
                boolean ours = sigmaFires.get(file).get(line).contains(sigmaIds.get(id));
                verdicts.add(new Verdict(file, line, "SigmaHQ/sigma (computed)", l.get("rule_name").asString(), basis,
                        expected, ours, null));
                continue;
            }
            String peerRule = basis.equals("attack_emulation_detonation") ? l.get("technique").asString()
                    : l.get("rule_name").asString();
            List<String> ours = COVERAGE.get(peerRule);
            if (ours == null) {
                verdicts.add(new Verdict(file, line, peer, peerRule, basis, expected, false, "not covered"));
                continue;
            }
            boolean previousState = l.has("mocks") && l.get("mocks").toString().contains("get_string_set")
                    && !l.get("mocks").toString().matches(".*get_string_set\",\"returnValue\":\"(\\[\\])?\".*");
            Map<Integer, Set<String>> fires = (previousState ? packFiresWithHistory : packFires).get(file);
            boolean fired = false;
            for (String rule : ours) {
                Set<String> keys = keysByFile.get(rule);
                assertThat(keys).as("pack rule %s", rule).isNotNull();
                fired |= fires.get(line).stream().anyMatch(keys::contains);
            }
            String note = previousState ? "peer assumed earlier state; the event was fed twice" : null;
            verdicts.add(new Verdict(file, line, peer, peerRule, basis, expected, fired, note));
        }
        // The SigmaHQ labels are the positives of a literal application of each rule; every other event of the
        // rule's log is therefore a computed negative.
        for (Rule r : sigma.rules()) {
            String file = FILE_SOURCES.entrySet().stream().filter(e -> e.getValue() == r.source())
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            for (Map.Entry<Integer, Set<String>> e : sigmaFires.get(file).entrySet()) {
                if (!sigmaLabelled.contains(file + ":" + e.getKey() + ":" + r.id())) {
                    boolean ours = e.getValue().contains(r.key());
                    verdicts.add(new Verdict(file, e.getKey(), "SigmaHQ/sigma (computed)", r.title(),
                            "computed_sigma_negative", false, ours, null));
                }
            }
        }
        return verdicts;
    }

    private static void row(StringBuilder out, String title, List<Verdict> verdicts) {
        long a = verdicts.stream().filter(v -> v.expected() == v.ours()).count();
        out.append("| ").append(title).append(" | ").append(verdicts.size()).append(" | ").append(a).append(" | ")
                .append(verdicts.size() - a).append(" |\n");
    }

    static Map<String, String> explanations() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(EXPLANATIONS)) {
            return out;
        }
        for (String text : Files.readAllLines(EXPLANATIONS, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode n = RuleCases.JSON.readTree(text);
            out.put(n.get("key").asString(), n.get("why").asString());
        }
        return out;
    }

    /** The explanation for a disagreement: by exact key, else by peer rule and file (key "file:*:rule"). */
    static String explain(Map<String, String> explanations, Verdict v) {
        String exact = explanations.get(v.key());
        return exact != null ? exact : explanations.get(v.file() + ":*:" + v.peerRule());
    }

    String conformanceMarkdown() throws IOException {
        List<Verdict> all = verdicts();
        Map<String, String> explanations = explanations();
        List<Verdict> covered = all.stream().filter(v -> !"not covered".equals(v.note())).toList();
        List<Verdict> notCovered = all.stream().filter(v -> "not covered".equals(v.note())).toList();
        long agree = covered.stream().filter(v -> v.expected() == v.ours()).count();
        List<Verdict> disagreements = covered.stream().filter(v -> v.expected() != v.ours()).toList();
        List<String> unexplained = disagreements.stream().filter(v -> explain(explanations, v) == null)
                .map(v -> v.key() + " expected " + v.expected() + " ours " + v.ours()).toList();
        assertThat(unexplained).as("disagreements without an explanation in " + EXPLANATIONS).isEmpty();

        StringBuilder out = new StringBuilder();
        out.append("# Detection conformance with peer verdicts\n\n");
        out.append("Generated by `DetectionDocsTest` from `../shared/corpus/audit-logs/` (see its README for the ")
                .append("sources of events and labels); regenerate with\n")
                .append("`./mvnw -q -B test -Dtest=DetectionDocsTest -Dcimatrix.writeDocs=true`. ")
                .append("The same test fails when this file is out of date or a disagreement has no explanation ")
                .append("in `src/test/resources/conformance/explanations.jsonl`.\n\n");
        out.append("## Method\n\n")
                .append("- Every labelled event is run on its own through a fresh detector, with the log source ")
                .append("given by its file. Our verdict is \"alert\" when a pack rule mapped to the peer rule ")
                .append("raises an alert for it.\n")
                .append("- Peer rules with thresholds (Panther `Threshold`, for example 20 denied calls in a day) ")
                .append("are labelled per event. Our matching stateful rules are compared the same way: their ")
                .append("correlation is left out and their base rule is judged per event. The thresholds ")
                .append("themselves are covered by the rules' own test events.\n")
                .append("- Where the peer's test assumed earlier state (Panther mocks of a key-value store ")
                .append("holding a previous access), the event is fed twice and only the second is judged.\n")
                .append("- Stratus Red Team detonation records count as \"should alert\" for the rules mapped to ")
                .append("the technique.\n")
                .append("- SigmaHQ labels are the positives of a literal application of SigmaHQ rules to the ")
                .append("raw events. For the ").append(sigmaRules().rules().size()).append(" SigmaHQ rules loaded ")
                .append("unchanged from `src/test/resources/sigmahq/`, each label is compared with our engine, ")
                .append("and every other event of the same log counts as a computed negative.\n")
                .append("- Peer rules that no pack rule covers are listed at the end and not counted.\n\n");
        out.append("## Summary\n\n");
        out.append("| | Verdicts | Agree | Disagree |\n|---|---|---|---|\n");
        Map<String, List<Verdict>> byGroup = new LinkedHashMap<>();
        for (String g : List.of("Panther test verdicts vs our pack", "Stratus Red Team detonations vs our pack",
                "SigmaHQ labels (positives) vs the same rules loaded unchanged")) {
            byGroup.put(g, new ArrayList<>());
        }
        List<Verdict> labelled = new ArrayList<>();
        List<Verdict> computedNegatives = new ArrayList<>();
        for (Verdict v : covered) {
            if (v.basis().equals("computed_sigma_negative")) {
                computedNegatives.add(v);
                continue;
            }
            labelled.add(v);
            String group = v.peer().startsWith("SigmaHQ") ? "SigmaHQ labels (positives) vs the same rules loaded unchanged"
                    : v.basis().equals("attack_emulation_detonation") ? "Stratus Red Team detonations vs our pack"
                    : "Panther test verdicts vs our pack";
            byGroup.get(group).add(v);
        }
        for (Map.Entry<String, List<Verdict>> g : byGroup.entrySet()) {
            row(out, g.getKey(), g.getValue());
        }
        row(out, "**All labelled verdicts**", labelled);
        row(out, "SigmaHQ computed negatives (unlabelled events of the rule's log)", computedNegatives);
        long labelledAgree = labelled.stream().filter(v -> v.expected() == v.ours()).count();
        out.append(String.format(Locale.ROOT, "%nAgreement on labelled verdicts: %d of %d (%.1f%%); with the computed "
                        + "negatives: %d of %d. Verdicts of peer rules no pack rule covers (not counted): %d.%n%n",
                labelledAgree, labelled.size(), 100.0 * labelledAgree / labelled.size(), agree, covered.size(),
                notCovered.size()));

        out.append("## Per peer rule\n\n| Peer rule | Our rules | Verdicts | Agree | Disagree |\n|---|---|---|---|---|\n");
        Map<String, List<Verdict>> byRule = new LinkedHashMap<>();
        for (Verdict v : covered) {
            byRule.computeIfAbsent(v.peerRule(), k -> new ArrayList<>()).add(v);
        }
        for (Map.Entry<String, List<Verdict>> e : byRule.entrySet()) {
            long a = e.getValue().stream().filter(v -> v.expected() == v.ours()).count();
            Verdict first = e.getValue().get(0);
            String ours = first.peer().startsWith("SigmaHQ") ? "the same SigmaHQ rule, loaded unchanged"
                    : "`" + String.join("`, `", COVERAGE.get(e.getKey())) + "`";
            out.append("| ").append(e.getKey()).append(" (").append(first.peer()).append(") | ").append(ours)
                    .append(" | ").append(e.getValue().size()).append(" | ").append(a).append(" | ")
                    .append(e.getValue().size() - a).append(" |\n");
        }
        out.append("\n## Disagreements\n\n");
        if (disagreements.isEmpty()) {
            out.append("None.\n");
        } else {
            out.append("| Event | Peer rule | Peer | Ours | Why |\n|---|---|---|---|---|\n");
            for (Verdict v : disagreements) {
                out.append("| ").append(v.file()).append(":").append(v.line()).append(" | ").append(v.peerRule())
                        .append(" | ").append(v.expected() ? "alert" : "no alert").append(" | ")
                        .append(v.ours() ? "alert" : "no alert").append(" | ")
                        .append(explain(explanations, v).replace("|", "\\|")).append(" |\n");
            }
        }
        out.append("\n## Peer rules not covered\n\n")
                .append("Verdicts of these peer rules are not counted above; no rule of the pack claims their ")
                .append("behaviour.\n\n| Peer rule | Peer | Verdicts |\n|---|---|---|\n");
        Map<String, long[]> nc = new LinkedHashMap<>();
        Map<String, String> ncPeer = new LinkedHashMap<>();
        for (Verdict v : notCovered) {
            nc.computeIfAbsent(v.peerRule(), k -> new long[1])[0]++;
            ncPeer.put(v.peerRule(), v.peer());
        }
        nc.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(ncPeer.get(k)).append(" | ")
                .append(v[0]).append(" |\n"));
        return out.toString();
    }
}
