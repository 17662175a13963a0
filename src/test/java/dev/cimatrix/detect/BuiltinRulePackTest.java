package dev.cimatrix.detect;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Control;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.catalog.Technique;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in rule pack: every file is indexed and loads, every alerting rule names real matrix cells and a
 * detective catalog control for its log source, and every rule fires on its test events and stays silent on its
 * near misses ({@code src/test/resources/rules/<source>/<rule>.events.jsonl}, format in {@link RuleCases}).
 */
class BuiltinRulePackTest {
    static final Path RULES = Path.of("src/main/resources/rules");
    static final Path EVENTS = Path.of("src/test/resources/rules");

    @TempDir
    Path tmp;

    static List<Path> ruleFiles() {
        return RuleCases.files(RULES, ".yml");
    }

    static String relative(Path file) {
        return RULES.relativize(file).toString().replace('\\', '/');
    }

    @Test
    void everyRuleFileIsIndexedAndTheWholePackLoads() {
        List<String> indexed = RuleSet.builtinPaths();
        List<String> files = ruleFiles().stream().map(BuiltinRulePackTest::relative).toList();
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(files);

        RuleSet pack = RuleSet.builder().builtin().build();
        assertThat(pack.refused()).as("refused rules").isEmpty();
        List<Rule> alerting = RuleCases.alerting(pack.rules());
        assertThat(alerting).hasSizeGreaterThanOrEqualTo(40);
        assertThat(alerting).as("one alerting rule per file").hasSize(files.size());
        Set<String> ids = new HashSet<>();
        for (Rule r : pack.rules()) {
            assertThat(r.id()).as("id of %s", r.title()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(ids.add(r.id())).as("unique id %s", r.id()).isTrue();
        }
    }

    @Test
    void everyAlertingRuleNamesRealCellsAndADetectiveControlForItsLogSource() {
        assumeTrue(getClass().getClassLoader().getResource("catalog/controls.yaml") != null,
                "the catalog's technique and control data are not on this branch yet");
        Catalog catalog = Catalog.builtin();
        List<String> problems = new ArrayList<>();
        for (Path file : ruleFiles()) {
            String rel = relative(file);
            String sourceDir = rel.substring(0, rel.indexOf('/'));
            RuleSet set = RuleSet.builder().add(rel, RuleCases.text(file)).build();
            for (Rule r : RuleCases.alerting(set.rules())) {
                String what = rel + " (" + r.title() + ")";
                if (r.source() == null || !r.source().id().equals(sourceDir)) {
                    problems.add(what + ": log source " + (r.source() == null ? "mixed" : r.source().id())
                            + " does not match its directory " + sourceDir);
                }
                List<Technique> techniques = new ArrayList<>();
                for (String t : r.techniques()) {
                    Optional<Technique> technique = catalog.technique(t);
                    if (technique.isEmpty()) {
                        problems.add(what + ": tag for unknown technique " + t);
                    } else {
                        techniques.add(technique.get());
                    }
                }
                if (techniques.stream().noneMatch(t -> !t.isExtension())) {
                    problems.add(what + ": no cicd.t0nn tag of a matrix technique");
                }
                for (String tactic : r.tactics()) {
                    if (techniques.stream().noneMatch(t -> t.tactics().contains(tactic))) {
                        problems.add(what + ": tactic tag " + tactic + " is not a tactic of any of its techniques");
                    }
                }
                if (r.tactics().isEmpty()) {
                    problems.add(what + ": no tactic tag pins its cell");
                }
                Optional<Control> control = r.control() == null ? Optional.empty() : catalog.control(r.control());
                if (control.isEmpty()) {
                    problems.add(what + ": control " + r.control() + " is not in the catalog");
                } else {
                    if (control.get().kind() != ControlKind.DETECTIVE) {
                        problems.add(what + ": control " + r.control() + " is not detective");
                    }
                    if (!listsSource(control.get(), sourceDir)) {
                        problems.add(what + ": control " + r.control() + " does not list log source " + sourceDir);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Whether a control reads the rule's log. GitHub push and pull request webhooks are also what the catalog's
     * generic {@code scm-git-events} source describes, so a webhook rule may implement a control listing either.
     */
    static boolean listsSource(Control control, String source) {
        List<String> ids = control.logSourceIds();
        return ids.contains(source) || (source.equals("github-webhook") && ids.contains("scm-git-events"));
    }

    @TestFactory
    List<DynamicNode> everyRuleFiresOnItsEventsAndStaysSilentOnNearMisses() {
        List<DynamicNode> containers = new ArrayList<>();
        for (Path file : ruleFiles()) {
            String rel = relative(file);
            Path events = EVENTS.resolve(rel.replaceAll("\\.yml$", ".events.jsonl"));
            containers.add(DynamicContainer.dynamicContainer(rel, cases(rel, file, events)));
        }
        return containers;
    }

    private List<DynamicNode> cases(String rel, Path ruleFile, Path eventsFile) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("has events that must fire and near misses", () -> {
            assertThat(eventsFile).exists();
            List<RuleCases.Case> all = RuleCases.read(eventsFile);
            assertThat(all).anyMatch(RuleCases.Case::expect);
            assertThat(all).anyMatch(c -> !c.expect());
        }));
        if (!Files.exists(eventsFile)) {
            return tests;
        }
        RuleSet set = RuleSet.builder().add(rel, RuleCases.text(ruleFile)).build();
        List<Rule> alerting = RuleCases.alerting(set.rules());
        for (RuleCases.Case c : RuleCases.read(eventsFile)) {
            tests.add(DynamicTest.dynamicTest(c.describe(), () -> {
                assertThat(set.refused()).isEmpty();
                assertThat(alerting).hasSize(1);
                Rule rule = alerting.get(0);
                boolean fired = RuleCases.fires(set, rule.key(), rule.source(), c, tmp);
                assertThat(fired).as("%s %s", rel, c.describe()).isEqualTo(c.expect());
            }));
        }
        return tests;
    }
}
