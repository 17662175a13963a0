package dev.cimatrix.report.scan;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GithubAnnotationsTest {
    @Test
    void escapesPropertiesAndDataAsTheRunnerParsesThem() {
        assertThat(GithubAnnotations.property("a:b,c%d\r\ne")).isEqualTo("a%3Ab%2Cc%25d%0D%0Ae");
        assertThat(GithubAnnotations.data("50%: a, b\r\n::error::x")).isEqualTo("50%25: a, b%0D%0A::error::x");
    }

    @Test
    void oneLinePerFindingEvenWhenTheMessageQuotesACommand() {
        Finding finding = SampleScan.finding("gha-template-injection", "branch is\n::warning::pwned", Severity.INFO,
                Confidence.LOW, new Location("dir,x/a:b.yml", 2, 3, 2, 9, ""), List.of(), List.of("EXEC/CICD-T016"), "",
                Map.of());
        String out = GithubAnnotations.render(SampleScan.report(SampleScan.ROOT, List.of(finding), List.of(), List.of()));
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("::notice file=dir%2Cx/a%3Ab.yml,line=2,endLine=2,col=3,endColumn=9,"
                + "title=gha-template-injection::branch is%0A::warning::pwned%0A");
    }

    @Test
    void levelsFollowSeverityAndMultiLineSpansHaveNoColumns() {
        String out = GithubAnnotations.render(SampleScan.report());
        assertThat(out.lines()).extracting(l -> l.substring(0, l.indexOf(' ')))
                .containsExactly("::error", "::error", "::warning", "::error", "::notice", "::error");
        assertThat(out.lines().findFirst().orElseThrow()).contains("line=9,endLine=12,title=").doesNotContain("col=");
    }
}
