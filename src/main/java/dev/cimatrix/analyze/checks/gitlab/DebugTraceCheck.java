package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.KeyValue;

import java.util.List;
import java.util.Set;

/**
 * {@code CI_DEBUG_TRACE} or {@code CI_DEBUG_SERVICES} switched on in the configuration: every job it applies to writes
 * the values of all its variables, secrets among them, into a log that everyone who can read the project's job logs
 * reads, on every run rather than for one diagnostic run.
 */
public final class DebugTraceCheck implements Check {
    public static final String ID = "gitlab-debug-trace";

    private static final Set<String> VARIABLES = Set.of("CI_DEBUG_TRACE", "CI_DEBUG_SERVICES");
    /** The texts the runner reads as true (Go's strconv.ParseBool). */
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        report(context.pipeline().variables(), "every job of the pipeline", findings);
        for (GitlabJob job : context.pipeline().jobs()) {
            String scope = switch (job.kind()) {
                case JOB -> job.label();
                case TEMPLATE -> "every job that extends '" + job.name() + "'";
                case DEFAULT -> "every job";
            };
            report(job.variables(), scope, findings);
        }
    }

    private static void report(List<KeyValue> variables, String scope, FindingSink findings) {
        for (KeyValue variable : variables) {
            if (!VARIABLES.contains(variable.key()) || !TRUE.contains(variable.value().value().strip())) {
                continue;
            }
            String what = variable.key().equals("CI_DEBUG_TRACE") ? "the job's shell commands and the values of all its "
                    + "variables" : "the output of its service containers";
            findings.at(variable.keyLocation())
                    .message(variable.key() + " is on for " + scope + ": the log shows " + what + ", secrets among them, "
                            + "to everyone who can read the project's job logs, on every run; remove it, and switch it "
                            + "on for one run from the pipeline form when a failure needs it")
                    .subject(variable.key()).property("variable", variable.key()).report();
        }
    }
}
