package dev.cimatrix.analyze.checks;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.github.ArtifactPoisoningCheck;
import dev.cimatrix.analyze.checks.github.GithubEnvCheck;
import dev.cimatrix.analyze.checks.github.SecretsInUntrustedJobCheck;
import dev.cimatrix.analyze.checks.github.TaintedUsesCheck;
import dev.cimatrix.analyze.checks.github.TemplateInjectionCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedUsesCheck;
import dev.cimatrix.analyze.checks.github.UntrustedCheckoutCheck;
import dev.cimatrix.analyze.checks.terraform.OidcBroadTrustCheck;

import java.util.List;

/**
 * Every check cimatrix has. A check is added here, in {@code catalog/checks.yaml}, under
 * {@code src/test/resources/checks/<id>/} and in {@code docs/checks/<id>.md}; {@code CheckMetaTest} fails
 * until all four are there.
 */
public final class CheckRegistry {
    private CheckRegistry() {
    }

    /** The checks, configured with the user's options, in id order. */
    public static List<Check> all(ScanConfig config) {
        return List.<Check>of(
                new ArtifactPoisoningCheck(),
                new GithubEnvCheck(),
                new SecretsInUntrustedJobCheck(),
                new TaintedUsesCheck(),
                new TemplateInjectionCheck(),
                new UnpinnedUsesCheck(config),
                new UntrustedCheckoutCheck(),
                new OidcBroadTrustCheck()
        ).stream().sorted(java.util.Comparator.comparing(Check::id)).toList();
    }
}
