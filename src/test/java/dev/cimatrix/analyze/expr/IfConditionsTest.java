package dev.cimatrix.analyze.expr;

import dev.cimatrix.discover.github.expr.ConditionReader;
import dev.cimatrix.discover.github.expr.ExpressionParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IfConditionsTest {
    private static final ContextValues PULL_REQUEST_TARGET = ContextValues.of(Map.of(
            "github.event_name", "pull_request_target", "github.repository", "acme/app"));

    private static IfAnalysis analyze(String raw) {
        return IfConditions.analyze(ConditionReader.read(raw), PULL_REQUEST_TARGET);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "github.event_name == 'pull_request_target'                  => ALWAYS_TRUE",
            "github.event_name == 'push'                                 => ALWAYS_FALSE",
            "github.event_name == 'push' && github.event.pull_request.merged => ALWAYS_FALSE",
            "github.event.pull_request.merged && github.event_name == 'push' => ALWAYS_FALSE",
            "github.event.pull_request.merged || github.event_name != 'push' => ALWAYS_TRUE",
            "github.event.pull_request.merged || github.event_name == 'push' => DEPENDS",
            "!(github.event_name == 'push')                              => ALWAYS_TRUE",
            "github.repository == 'ACME/app' && contains(github.event.pull_request.labels.*.name, 'ok') => DEPENDS",
            "always()                                                    => ALWAYS_TRUE",
            "success()                                                   => DEPENDS",
            "true                                                        => ALWAYS_TRUE",
            "'false'                                                     => ALWAYS_TRUE",
            "0                                                           => ALWAYS_FALSE",
            "format('{0}', github.event_name)                            => ALWAYS_TRUE",
            "fromJSON('{')                                               => DEPENDS",
            "${{ github.event_name == 'push' }}                          => ALWAYS_FALSE",
            "${{ github.event.pull_request.merged }}                     => DEPENDS",
    })
    void expressionsFoldWithKnownContexts(String raw, Truth truth) {
        assertThat(analyze(raw).truth()).isEqualTo(truth);
    }

    @Test
    void foldingWithNothingKnown() {
        ConditionFolder folder = new ConditionFolder(ContextValues.unknown());
        assertThat(folder.fold(ExpressionParser.parse("github.event_name == 'push'"))).isEqualTo(Truth.DEPENDS);
        assertThat(folder.fold(ExpressionParser.parse("github.event_name == 'push' || true"))).isEqualTo(Truth.ALWAYS_TRUE);
        assertThat(folder.fold(ExpressionParser.parse("false && github.x"))).isEqualTo(Truth.ALWAYS_FALSE);
    }

    @Test
    void textAroundTheExpressionIsAlwaysTrue() {
        IfAnalysis blockScalar = analyze("${{ github.event_name == 'push' }}\n");
        assertThat(blockScalar.truth()).isEqualTo(Truth.ALWAYS_TRUE);
        assertThat(blockScalar.reason()).contains("line break").contains("'|' block scalar");

        IfAnalysis joined = analyze("${{ github.actor == 'a' }} || ${{ github.actor == 'b' }}");
        assertThat(joined.truth()).isEqualTo(Truth.ALWAYS_TRUE);
        assertThat(joined.reason()).contains("several ${{ }} joined by text");

        IfAnalysis prefixed = analyze("always() && ${{ false }}");
        assertThat(prefixed.truth()).isEqualTo(Truth.ALWAYS_TRUE);
        assertThat(prefixed.reason()).contains("text outside the ${{ }}").contains("non-empty string");

        assertThat(analyze(" ${{ false }}").reason()).contains("white space");
    }

    /** The values YAML gives for each block scalar style, and whether GitHub reads them as a string. */
    @ParameterizedTest
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
            "`some.context`                                   => DEPENDS",
            "`${{ some.context }}`                            => DEPENDS",
            "`some.context\n`                                => DEPENDS",
            "`${{ some.context }}\n`                         => ALWAYS_TRUE",
            "`some.context\n  && other.context\n`           => DEPENDS",
            "`${{ some.context\n  && other.context\n}}\n`  => ALWAYS_TRUE",
            "`true && ${{ false }}`                           => ALWAYS_TRUE",
            "`${{ false }} && true`                           => ALWAYS_TRUE",
            "`${{ false }} lol`                               => ALWAYS_TRUE",
    })
    void blockScalarsAndStrayText(String yamlValue, Truth truth) {
        assertThat(analyze(yamlValue.replace("\\n", "\n")).truth()).isEqualTo(truth);
    }

    @Test
    void backToBackExpressionsAreTrueUnlessAllAreEmpty() {
        assertThat(analyze("${{ false }}${{ false }}").truth()).isEqualTo(Truth.ALWAYS_TRUE);
        assertThat(analyze("${{ '' }}${{ null }}").truth()).isEqualTo(Truth.ALWAYS_FALSE);
        assertThat(analyze("${{ '' }}${{ github.event.action }}").truth()).isEqualTo(Truth.DEPENDS);
        // No payload has a field `x`: it is null, and joins as empty text.
        assertThat(analyze("${{ '' }}${{ github.event.x }}").truth()).isEqualTo(Truth.ALWAYS_FALSE);
    }

    @Test
    void spoofableActorChecks() {
        IfAnalysis analysis = analyze("github.actor == 'dependabot[bot]' && github.event_name == 'pull_request_target'");
        assertThat(analysis.spoofableActorChecks()).singleElement().satisfies(check -> {
            assertThat(check.actorPath()).isEqualTo("github.actor");
            assertThat(check.botName()).isEqualTo("dependabot[bot]");
            assertThat(check.why()).contains("whoever caused this run");
            assertThat(check.check().start()).isZero();
            assertThat(check.check().end()).isEqualTo("github.actor == 'dependabot[bot]'".length());
        });
        assertThat(analyze("!('renovate[bot]' != github.triggering_actor)").spoofableActorChecks())
                .singleElement().extracting(IfAnalysis.SpoofableActorCheck::actorPath).isEqualTo("github.triggering_actor");
        // Excluding a bot is no gate a spoofed bot opens.
        assertThat(analyze("'renovate[bot]' != github.triggering_actor").spoofableActorChecks()).isEmpty();
        assertThat(analyze("!(github.actor == 'dependabot[bot]')").spoofableActorChecks()).isEmpty();
        assertThat(analyze("!startsWith(github.actor, 'dependabot')").spoofableActorChecks()).isEmpty();
        assertThat(analyze("github.event.pull_request.user.login == 'dependabot[bot]'").spoofableActorChecks()).hasSize(1);
        assertThat(analyze("contains(fromJSON('[\"dependabot[bot]\"]'), github.actor)").spoofableActorChecks()).hasSize(1);
        assertThat(analyze("startsWith(github.actor, 'dependabot')").spoofableActorChecks()).hasSize(1);
        assertThat(analyze("github.actor_id == 49699333").spoofableActorChecks()).hasSize(1);
        assertThat(analyze("github.actor == 'octocat'").spoofableActorChecks()).isEmpty();
        assertThat(analyze("github.repository_owner == 'dependabot[bot]'").spoofableActorChecks()).isEmpty();
    }

    @Test
    void actorChecksInsideAnInterpolatedStringKeepTheirOffset() {
        IfAnalysis analysis = analyze("x ${{ github.actor == 'dependabot[bot]' }}");
        assertThat(analysis.spoofableActorChecks()).singleElement()
                .satisfies(check -> assertThat(check.sourceOffset() + check.check().start()).isEqualTo(6));
    }

    @Test
    void unsoundContains() {
        IfAnalysis analysis = analyze("contains('refs/heads/main refs/heads/release', github.ref)");
        assertThat(analysis.unsoundContains()).singleElement().satisfies(c -> {
            assertThat(c.haystack()).isEqualTo("refs/heads/main refs/heads/release");
            assertThat(c.needlePath()).isEqualTo("github.ref");
        });
        assertThat(analyze("contains(github.event.pull_request.labels.*.name, 'safe')").unsoundContains()).isEmpty();
        assertThat(analyze("contains(fromJSON('[\"refs/heads/main\"]'), github.ref)").unsoundContains()).isEmpty();
        assertThat(analyze("contains('abc', 'b')").unsoundContains()).isEmpty();
        assertThat(analyze("contains('main release', format('{0}', github.head_ref))").unsoundContains())
                .singleElement().satisfies(c -> assertThat(c.needlePath()).isNull());
    }
}
