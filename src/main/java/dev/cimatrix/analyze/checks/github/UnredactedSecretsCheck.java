package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.WorkflowContext;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.List;
import java.util.Optional;

/**
 * A secret parsed as JSON ({@code fromJSON(secrets.CONFIG).password}). GitHub masks a secret in logs by its
 * whole value; a field taken out of it is a different string that is not registered for masking, so it is
 * printed in clear wherever it is echoed, and so is the re-serialised object.
 */
public final class UnredactedSecretsCheck implements Check {
    public static final String ID = "gha-unredacted-secrets";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void workflow(WorkflowContext context, FindingSink findings) {
        report(ExpressionSites.of(context.workflow()), findings);
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        report(ExpressionSites.of(context.job()), findings);
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        report(ExpressionSites.of(context.step()), findings);
    }

    private static void report(List<ExpressionUse> uses, FindingSink findings) {
        for (ExpressionUse use : uses) {
            parsedSecret(use.expr()).ifPresent(secret -> findings.at(use.location()).subject(use.source().strip())
                    .message("${{ " + use.source().strip() + " }} parses " + secret + " as JSON: the values taken out of "
                            + "it are not the secret's whole value, so log masking does not hide them; store each "
                            + "value as its own secret or mask it with ::add-mask:: before use")
                    .property("secret", secret).report());
        }
    }

    /** The secret that a {@code fromJSON} in {@code expr} parses, if any. */
    private static Optional<String> parsedSecret(Expr expr) {
        if (expr instanceof Call call) {
            if (call.is("fromJSON") && !call.args().isEmpty()) {
                Optional<String> path = ContextPaths.of(call.args().get(0)).filter(p -> p.startsWith("secrets."));
                if (path.isPresent()) {
                    return path;
                }
            }
            return call.args().stream().map(UnredactedSecretsCheck::parsedSecret).flatMap(Optional::stream).findFirst();
        }
        if (expr instanceof Property p) {
            return parsedSecret(p.target());
        }
        if (expr instanceof Index i) {
            return parsedSecret(i.target()).or(() -> parsedSecret(i.index()));
        }
        if (expr instanceof Star s) {
            return parsedSecret(s.target());
        }
        if (expr instanceof Not n) {
            return parsedSecret(n.operand());
        }
        if (expr instanceof Binary b) {
            return parsedSecret(b.left()).or(() -> parsedSecret(b.right()));
        }
        return Optional.empty();
    }
}
