package dev.cimatrix.analyze.checks.settings;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GithubSettingsContext;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GithubSettings.SecurityAnalysis;
import dev.cimatrix.model.Scalar;

/**
 * A repository whose settings turn off secret scanning (medium: a credential pushed in a commit is found by whoever
 * reads the repository, not by its owners), or only its push protection (low: the credential lands and must be
 * revoked after, rather than the push being refused).
 */
public final class SecretScanningCheck extends SettingsCheck {
    public static final String ID = "github-secret-scanning";

    public SecretScanningCheck() {
        super(ID);
    }

    @Override
    public void githubSettings(GithubSettingsContext context, FindingSink findings) {
        SecurityAnalysis security = context.settings().security();
        if (security == null || security.secretScanning() == null && security.pushProtection() == null) {
            return;
        }
        findings.met();
        if (disabled(security.secretScanning())) {
            findings.at(security.secretScanning().location())
                    .message("Secret scanning is off for " + owner(context.settings()) + ": a credential pushed in a "
                            + "commit, an issue or a workflow log's output is found by whoever reads the repository, "
                            + "not by its owners, and stays valid.")
                    .subject("secret scanning").report();
        } else if (disabled(security.pushProtection())) {
            findings.at(security.pushProtection().location())
                    .message("Secret scanning's push protection is off for " + owner(context.settings()) + ": a push "
                            + "that holds a credential is taken, and the credential must be revoked after, rather "
                            + "than the push being refused.")
                    .subject("push protection").severity(Severity.LOW).report();
        }
    }

    private static boolean disabled(Scalar status) {
        return status != null && status.value().strip().equals("disabled");
    }
}
