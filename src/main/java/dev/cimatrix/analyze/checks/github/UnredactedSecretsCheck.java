package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A secret parsed as JSON ({@code fromJSON(secrets.CONFIG).password}). GitHub masks a secret in logs by its
 * whole value (and a few encodings of it: base64, JSON and URL escaping); a field taken out of it is a
 * different string that is not registered for masking, so it is printed in clear wherever it is echoed, and
 * so is the re-serialised object. Scripts that cut, reverse or hex-dump a secret derive such strings too; they
 * are reported with a low confidence, since the result is not always printed.
 */
public final class UnredactedSecretsCheck implements ExpressionSiteCheck {
    public static final String ID = "gha-unredacted-secrets";

    /** Shell transforms whose output the runner's masking does not recognise. */
    // The look-ahead names the first character of every alternative, so most positions of a script are
    // passed over without trying the alternatives one by one.
    private static final Pattern UNMASKED_TRANSFORM = Pattern.compile("(?=[rxhofcs$])(?:"
            + "\\b(rev|xxd|hexdump|od|fold)\\b|\\bcut\\s+-[cb]|\\$\\{\\w+:( -)?\\d|\\bsed\\s+['\"]?s/\\./)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        ExpressionSiteCheck.super.step(context, findings);
        derivedInScript(context, findings);
    }

    /** A script line that transforms a secret into a string the runner does not mask. */
    private static void derivedInScript(StepContext context, FindingSink findings) {
        Scalar run = context.step().run();
        if (run == null) {
            return;
        }
        Set<String> secretVariables = new TreeSet<>();
        List<KeyValue> env = new ArrayList<>(context.step().env());
        if (!context.inAction()) {
            env.addAll(context.job().env());
            env.addAll(context.workflow().env());
        }
        env.stream().filter(kv -> kv.value().expressions().stream()
                        .anyMatch(e -> ContextPaths.of(e.expr()).filter(p -> p.startsWith("secrets.")).isPresent()))
                .forEach(kv -> secretVariables.add(kv.key()));
        // Only a script that reads a secret can derive one, and most scripts hold none of the transforms:
        // both are ruled out before the script is cut into lines.
        boolean readsSecret = !secretVariables.isEmpty()
                || run.expressions().stream().anyMatch(e -> e.source().strip().startsWith("secrets."));
        if (!readsSecret || !UNMASKED_TRANSFORM.matcher(run.value()).find()) {
            return;
        }
        for (String line : run.value().split("\n")) {
            if (!UNMASKED_TRANSFORM.matcher(line).find()) {
                continue;
            }
            Optional<ExpressionUse> direct = run.expressions().stream()
                    .filter(e -> line.contains(e.source()) && e.source().strip().startsWith("secrets."))
                    .findFirst();
            Optional<String> variable = secretVariables.stream()
                    .filter(v -> Pattern.compile("\\$\\{?" + Pattern.quote(v) + "\\b").matcher(line).find())
                    .findFirst();
            if (direct.isEmpty() && variable.isEmpty()) {
                continue;
            }
            String what = direct.map(e -> e.source().strip()).orElseGet(() -> "$" + variable.get());
            findings.at(direct.map(ExpressionUse::location).orElse(run.location()))
                    .subject(context.step().label() + " " + what)
                    .message("step '" + context.step().label() + "' derives a new string from " + what + " ("
                            + line.strip() + "): the runner masks the secret and its common encodings, not "
                            + "substrings, reversed or hex-dumped forms, so the result shows in clear if printed")
                    .confidence(Confidence.LOW).property("secret", what).report();
        }
    }

    @Override
    public void expressions(List<ExpressionUse> uses, FindingSink findings) {
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
