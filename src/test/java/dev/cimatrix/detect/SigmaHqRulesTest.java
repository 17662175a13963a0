package dev.cimatrix.detect;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SigmaHQ's own GitHub, CloudTrail and Kubernetes-audit rules, stored unchanged under
 * {@code src/test/resources/sigmahq/rules/} (see the README there for origin and licence), load as they are,
 * fire on events built to match them and stay silent on near misses.
 */
class SigmaHqRulesTest {
    static final Path ROOT = Path.of("src/test/resources/sigmahq");

    @TempDir
    Path tmp;

    static List<Path> ruleFiles() {
        return RuleCases.files(ROOT.resolve("rules"), ".yml");
    }

    @Test
    void atLeastTwentyRulesAcrossTheThreeLogsLoadUnchanged() {
        List<Path> files = ruleFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        RuleSet.Builder builder = RuleSet.builder();
        for (Path f : files) {
            builder.add(ROOT.relativize(f).toString(), RuleCases.text(f));
        }
        RuleSet set = builder.build();
        assertThat(set.refused()).isEmpty();
        assertThat(set.rules()).hasSize(files.size());
        assertThat(set.rules()).extracting(r -> r.source().id())
                .contains("github-audit", "cloudtrail", "k8s-audit");
        assertThat(set.rules()).allSatisfy(r -> assertThat(r.id()).isNotNull());
    }

    @TestFactory
    List<DynamicNode> eachRuleFiresOnMatchingEventsAndNotOnNearMisses() {
        List<DynamicNode> containers = new ArrayList<>();
        for (Path file : ruleFiles()) {
            String rel = ROOT.relativize(file).toString();
            Path events = Path.of(file.toString().replaceAll("\\.yml$", ".events.jsonl"));
            RuleSet set = RuleSet.builder().add(rel, RuleCases.text(file)).build();
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("loads and has both kinds of events", () -> {
                assertThat(set.refused()).isEmpty();
                assertThat(set.rules()).hasSize(1);
                List<RuleCases.Case> cases = RuleCases.read(events);
                assertThat(cases).anyMatch(RuleCases.Case::expect).anyMatch(c -> !c.expect());
            }));
            if (set.rules().size() == 1) {
                Rule rule = set.rules().get(0);
                for (RuleCases.Case c : RuleCases.read(events)) {
                    tests.add(DynamicTest.dynamicTest(c.describe(), () -> assertThat(
                            RuleCases.fires(set, rule.key(), rule.source(), c, tmp)).as("%s %s", rel, c.describe())
                            .isEqualTo(c.expect())));
                }
            }
            containers.add(DynamicContainer.dynamicContainer(rel, tests));
        }
        return containers;
    }
}
