package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.github.JobPrivileges;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Scalar;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which runners a job's {@code runs-on} labels name: GitHub-hosted, a hosted runner service, or self-hosted. */
final class Runners {
    /** Labels of GitHub-hosted runners, including larger runners named after their image. */
    private static final Pattern GITHUB_HOSTED = Pattern.compile(
            "(ubuntu|windows|macos)(-[a-z0-9.]+)*", Pattern.CASE_INSENSITIVE);
    /**
     * Labels of hosted runner services (Depot, Namespace, BuildJet, Blacksmith, Ubicloud, WarpBuild, RunsOn,
     * CodSpeed's macro runners), which start a fresh machine outside the customer's network for every job.
     */
    private static final Pattern THIRD_PARTY_HOSTED = Pattern.compile(
            "(depot-|namespace-profile-|buildjet-|blacksmith-|ubicloud-|warp-|runs-on[=/,]|codspeed-macro).*",
            Pattern.CASE_INSENSITIVE);

    private Runners() {
    }

    /** Whether a label names a fresh machine for every job, hosted by GitHub or a runner service. */
    static boolean hosted(String label) {
        String value = label.strip();
        return GITHUB_HOSTED.matcher(value).matches() || THIRD_PARTY_HOSTED.matcher(value).matches();
    }

    /**
     * Whether every label of the job names a GitHub-hosted Ubuntu or macOS runner, whose default shell is bash (on
     * Windows it is PowerShell; elsewhere it is not known).
     */
    static boolean bashByDefault(Job job) {
        return !job.runsOn().isEmpty() && job.runsOn().stream().allMatch(label -> !label.hasExpressions()
                && GITHUB_HOSTED.matcher(label.value().strip()).matches()
                && !label.value().strip().toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    /**
     * Whether a job that names a runner group asks for a GitHub-hosted image label in it: GitHub's larger runners
     * sit in runner groups and are asked for by such labels ({@code ubuntu-22.04-16core}), while a self-hosted
     * runner carries {@code self-hosted}. A group named alone could hold either.
     */
    static boolean hostedLargerRunner(Job job) {
        if (job.runnerGroup() == null) {
            return false;
        }
        List<Scalar> labels = job.runsOn().stream().filter(l -> l != job.runnerGroup()).toList();
        return labels.stream().noneMatch(l -> l.value().strip().equalsIgnoreCase("self-hosted"))
                && labels.stream().anyMatch(l -> !l.hasExpressions() && GITHUB_HOSTED.matcher(l.value().strip()).matches());
    }

    /**
     * Whether every runner the job can get is a fresh hosted machine: each label, and each value a label's
     * expression can take (matrix axes, {@code cond && 'a' || 'b'}), is known and hosted. A job whose
     * runner is decided at run time is not, nor one in a runner group other than a larger runner's.
     */
    static boolean alwaysHosted(Job job) {
        if (job.runnerGroup() != null) {
            return hostedLargerRunner(job);
        }
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

    /**
     * Whether the step's job runs on a fresh hosted machine and holds nothing code running in it could steal or use
     * ({@link JobPrivileges#holdsNothing()}): a changed script or tool there can only falsify that run. Never for a
     * step of an action, whose callers' jobs are not known.
     */
    static boolean freshAndHoldsNothing(StepContext context) {
        // Once per job: reading what a job holds walks all its steps, and a job may have thousands.
        return !context.inAction() && context.derived().get(List.of("fresh-and-holds-nothing", context.workflow().path(),
                context.job().id()), () -> alwaysHosted(context.job())
                && JobPrivileges.of(context.inventory(), context.workflow(), context.job()).holdsNothing());
    }
}
