package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.model.Job;
import dev.cimatrix.model.Scalar;

import java.util.regex.Pattern;

/** Which runners a job's {@code runs-on} labels name: GitHub-hosted, a hosted runner service, or self-hosted. */
final class Runners {
    /** Labels of GitHub-hosted runners, including larger runners named after their image. */
    private static final Pattern GITHUB_HOSTED = Pattern.compile(
            "(ubuntu|windows|macos)(-[a-z0-9.]+)*", Pattern.CASE_INSENSITIVE);
    /**
     * Labels of hosted runner services (Depot, Namespace, BuildJet, Blacksmith, Ubicloud, WarpBuild, RunsOn),
     * which start a fresh machine outside the customer's network for every job.
     */
    private static final Pattern THIRD_PARTY_HOSTED = Pattern.compile(
            "(depot-|namespace-profile-|buildjet-|blacksmith-|ubicloud-|warp-|runs-on[=/,]).*", Pattern.CASE_INSENSITIVE);

    private Runners() {
    }

    /** Whether a label names a fresh machine for every job, hosted by GitHub or a runner service. */
    static boolean hosted(String label) {
        String value = label.strip();
        return GITHUB_HOSTED.matcher(value).matches() || THIRD_PARTY_HOSTED.matcher(value).matches();
    }

    /**
     * Whether every runner the job can get is a fresh hosted machine: each label, and each value a label's
     * expression can take (matrix axes, {@code cond && 'a' || 'b'}), is known and hosted. A job whose
     * runner is decided at run time, or that names a runner group, is not.
     */
    static boolean alwaysHosted(Job job) {
        if (job.runsOn().isEmpty()) {
            return false;
        }
        for (Scalar label : job.runsOn()) {
            for (PossibleValues.Value value : PossibleValues.of(label, job)) {
                if (!value.known() || !hosted(value.text().get())) {
                    return false;
                }
            }
        }
        return true;
    }
}
