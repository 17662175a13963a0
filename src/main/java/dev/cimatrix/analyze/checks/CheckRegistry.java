package dev.cimatrix.analyze.checks;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.github.ArchivedUsesCheck;
import dev.cimatrix.analyze.checks.github.ArtifactPoisoningCheck;
import dev.cimatrix.analyze.checks.github.DebugEnabledCheck;
import dev.cimatrix.analyze.checks.github.GithubAppCheck;
import dev.cimatrix.analyze.checks.github.GithubEnvCheck;
import dev.cimatrix.analyze.checks.github.HardcodedCredentialsCheck;
import dev.cimatrix.analyze.checks.github.InsecureCommandsCheck;
import dev.cimatrix.analyze.checks.github.KnownCompromisedCheck;
import dev.cimatrix.analyze.checks.github.RemoteScriptCheck;
import dev.cimatrix.analyze.checks.github.SecretsInUntrustedJobCheck;
import dev.cimatrix.analyze.checks.github.TaintedUsesCheck;
import dev.cimatrix.analyze.checks.github.TemplateInjectionCheck;
import dev.cimatrix.analyze.checks.github.TyposquatUsesCheck;
import dev.cimatrix.analyze.checks.github.UnpinnableActionCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedImagesCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedToolsCheck;
import dev.cimatrix.analyze.checks.github.UnpinnedUsesCheck;
import dev.cimatrix.analyze.checks.github.UntrustedCheckoutCheck;
import dev.cimatrix.analyze.checks.github.UnverifiedCreatorCheck;

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
                new ArchivedUsesCheck(),
                new ArtifactPoisoningCheck(),
                new DebugEnabledCheck(),
                new GithubAppCheck(),
                new GithubEnvCheck(),
                new HardcodedCredentialsCheck(),
                new InsecureCommandsCheck(),
                new KnownCompromisedCheck(),
                new RemoteScriptCheck(),
                new SecretsInUntrustedJobCheck(),
                new TaintedUsesCheck(),
                new TemplateInjectionCheck(),
                new TyposquatUsesCheck(),
                new UnpinnableActionCheck(),
                new UnpinnedImagesCheck(),
                new UnpinnedToolsCheck(),
                new UnpinnedUsesCheck(config),
                new UntrustedCheckoutCheck(),
                new UnverifiedCreatorCheck(config)
        ).stream().sorted(java.util.Comparator.comparing(Check::id)).toList();
    }
}
