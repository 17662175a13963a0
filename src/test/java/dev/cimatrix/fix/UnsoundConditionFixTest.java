package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.github.UnsoundConditionCheck;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.cimatrix.fix.TemplateInjectionFixTest.findings;
import static dev.cimatrix.fix.TemplateInjectionFixTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --fix} on gha-unsound-condition. */
class UnsoundConditionFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/gha-unsound-condition");

    /**
     * Joined expressions in plain, double-quoted and single-quoted conditions become one expression, which the model
     * reads as one; text that does not join them, and a block, are left with their reasons.
     */
    @Test
    void joinsTheExpressionsOfAConditionIntoOne(@TempDir Path root) throws Exception {
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("conditions.yml"), ".github/workflows/conditions.yml",
                UnsoundConditionCheck.ID);
        assertThat(run.err()).startsWith("Fixed 3 findings in 1 file; 2 left as they are:");
        var inventory = read(root);
        var job = inventory.workflows().get(0).jobs().get(0);
        assertThat(job.condition().parsed().form()).isEqualTo(Condition.Form.WRAPPED_EXPRESSION);
        assertThat(job.steps().subList(0, 2)).extracting(s -> s.condition()).extracting(IfCondition::parsed)
                .extracting(Condition::form).containsOnly(Condition.Form.WRAPPED_EXPRESSION);
    }
}
