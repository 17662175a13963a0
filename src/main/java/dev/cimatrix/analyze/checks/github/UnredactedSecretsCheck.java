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
import java.util.regex.Matcher;
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
        // Most scripts hold none of the transforms, and only a script that reads a secret can derive one: both are
        // ruled out before the script is cut into lines.
        if (run == null || !UNMASKED_TRANSFORM.matcher(run.value()).find()) {
            return;
        }
        SecretNames own = SecretNames.of(context.step().env());
        // The job's and the workflow's, worked out once per job rather than for each of its steps.
        SecretNames outer = context.inAction() ? SecretNames.of(List.of())
                : context.derived().get(List.of(ID, context.workflow().path(), context.job().id()), () -> {
                    List<KeyValue> env = new ArrayList<>(context.job().env());
                    env.addAll(context.workflow().env());
                    return SecretNames.of(env);
                });
        boolean readsSecret = !own.all().isEmpty() || !outer.all().isEmpty()
                || run.expressions().stream().anyMatch(e -> e.source().strip().startsWith("secrets."));
        if (!readsSecret) {
            return;
        }
        for (String line : run.value().split("\n")) {
            if (!UNMASKED_TRANSFORM.matcher(line).find()) {
                continue;
            }
            Optional<ExpressionUse> direct = run.expressions().stream()
                    .filter(e -> line.contains(e.source()) && e.source().strip().startsWith("secrets."))
                    .findFirst();
            Optional<String> variable = firstRead(line, own, outer);
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

    /** A {@code $NAME} or {@code ${NAME}: the word after the sign. */
    private static final Pattern VARIABLE_READ = Pattern.compile("\\$\\{?(\\w+)");
    private static final Pattern WORD = Pattern.compile("\\w+");

    /**
     * The first of {@code names} (in their order) that the line reads as {@code $NAME} or {@code ${NAME}, the name
     * ending where a word does. The words after each sign are looked up rather than each name searched for; a name of
     * other characters is searched for.
     */
    private static Optional<String> firstRead(String line, SecretNames own, SecretNames outer) {
        Set<String> found = new TreeSet<>();
        Matcher read = VARIABLE_READ.matcher(line);
        while (read.find()) {
            if (own.all().contains(read.group(1)) || outer.all().contains(read.group(1))) {
                found.add(read.group(1));
            }
        }
        for (SecretNames names : List.of(own, outer)) {
            for (String name : names.oddlyNamed()) {
                if (Pattern.compile("\\$\\{?" + Pattern.quote(name) + "\\b").matcher(line).find()) {
                    found.add(name);
                }
            }
        }
        return found.stream().findFirst();
    }

    /** The variables of an {@code env} whose values read a secret, with those not named as a word set apart. */
    private record SecretNames(Set<String> all, List<String> oddlyNamed) {
        static SecretNames of(List<KeyValue> env) {
            Set<String> all = secretVariables(env);
            return new SecretNames(all, all.stream().filter(n -> !WORD.matcher(n).matches()).toList());
        }
    }

    /** The variables of an {@code env} whose values read a secret. */
    private static Set<String> secretVariables(List<KeyValue> env) {
        Set<String> names = new TreeSet<>();
        env.stream().filter(kv -> kv.value().expressions().stream()
                        .anyMatch(e -> ContextPaths.of(e.expr()).filter(p -> p.startsWith("secrets.")).isPresent()))
                .forEach(kv -> names.add(kv.key()));
        return names;
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
