package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Scalar;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Jenkinsfile that asks for the controller's own executors: {@code node('built-in')}, {@code agent { label 'master' }}
 * ({@code master} is the built-in node's label before Jenkins 2.307). Steps that run there run in the controller's
 * process's account, beside {@code $JENKINS_HOME}: its {@code secrets/} folder and {@code credentials.xml} decrypt every
 * credential of the instance, and its job configurations can be rewritten. A label that is only the built-in node's is
 * high; an expression that may also pick other agents ({@code 'master || linux'}) is medium with medium confidence.
 * Whether the controller has executors at all is set on the controller, not in the file, so the finding's confidence is
 * medium at most.
 */
public final class BuiltInNodeCheck implements Check {
    public static final String ID = "jenkins-built-in-node";

    /** The built-in node's own labels, in Jenkins before and since 2.307. */
    private static final Set<String> BUILT_IN = Set.of("built-in", "master");
    /** The operators of a label expression, which separate its labels. */
    private static final Pattern OPERATORS = Pattern.compile("&&|\\|\\||->|<->|[()\\s]+");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        // Each place a file asks for the same label is its own finding, told apart by its rank among them.
        Map<String, Integer> seen = new HashMap<>();
        for (Scalar agent : context.pipeline().agents()) {
            String expression = agent.value().strip();
            List<String> atoms = OPERATORS.splitAsStream(expression).map(String::strip).filter(a -> !a.isEmpty())
                    .map(a -> a.replaceAll("^['\"]|['\"]$", "")).toList();
            boolean asksForIt = atoms.stream().anyMatch(a -> BUILT_IN.contains(a.toLowerCase(Locale.ROOT)));
            if (!asksForIt) {
                continue;
            }
            boolean only = atoms.size() == 1;
            int rank = seen.merge(expression, 1, Integer::sum);
            var finding = findings.at(agent.location()).subject(rank == 1 ? expression : expression + " #" + rank)
                    .message("the agent label '" + expression + "' " + (only ? "asks for" : "may pick")
                            + " the controller's built-in node: steps there run in the controller's own account beside "
                            + "$JENKINS_HOME, whose secrets decrypt every credential of the instance; run the pipeline on "
                            + "agents, and give the built-in node no executors")
                    .confidence(Confidence.MEDIUM);
            if (!only) {
                finding.severity(Severity.MEDIUM);
            }
            if (expression.contains("!")) {
                // A negation in the expression may be what keeps the built-in node out.
                finding.confidence(Confidence.LOW);
            }
            finding.report();
        }
    }
}
