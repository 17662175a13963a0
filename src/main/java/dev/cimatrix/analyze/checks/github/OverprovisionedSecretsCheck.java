package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextName;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.List;

/**
 * The whole {@code secrets} context handed to a job or step: {@code toJSON(secrets)}, {@code secrets} passed
 * to a function, or {@code secrets[...]} with a computed name. Every secret of the repository, its
 * organisation and its environment then sits in the runner's memory and environment, where any step, action
 * or compromised dependency can read all of them, instead of the one it needed.
 */
public final class OverprovisionedSecretsCheck implements ExpressionSiteCheck {
    public static final String ID = "gha-overprovisioned-secrets";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void expressions(List<ExpressionUse> uses, FindingSink findings) {
        for (ExpressionUse use : uses) {
            String how = broadAccess(use.expr());
            if (how != null) {
                findings.at(use.location()).subject(use.source().strip())
                        .message("${{ " + use.source().strip() + " }} " + how + ", so every secret this run can read is "
                                + "exposed where only one was needed; name each secret (secrets.NAME) instead")
                        .report();
            }
        }
    }

    /** How {@code expr} reaches the whole secrets context, or null when it names single secrets only. */
    private static String broadAccess(Expr expr) {
        if (expr instanceof ContextName c) {
            return isSecrets(c) ? "passes the whole secrets context" : null;
        }
        if (expr instanceof Property p) {
            return isSecrets(p.target()) ? null : broadAccess(p.target());
        }
        if (expr instanceof Index i) {
            if (isSecrets(i.target())) {
                return i.index() instanceof Literal l && l.value() instanceof String ? null
                        : "picks a secret by a computed name, which makes every secret available to the job";
            }
            return first(broadAccess(i.target()), broadAccess(i.index()));
        }
        if (expr instanceof Star s) {
            return isSecrets(s.target()) ? "lists every secret" : broadAccess(s.target());
        }
        if (expr instanceof Call call) {
            for (Expr arg : call.args()) {
                String found = broadAccess(arg);
                if (found != null) {
                    return call.is("toJSON") && isSecrets(arg) ? "serialises every secret into one value" : found;
                }
            }
            return null;
        }
        if (expr instanceof Not n) {
            return broadAccess(n.operand());
        }
        if (expr instanceof Binary b) {
            return first(broadAccess(b.left()), broadAccess(b.right()));
        }
        return null;
    }

    private static boolean isSecrets(Expr expr) {
        return expr instanceof ContextName c && c.name().equals("secrets");
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
