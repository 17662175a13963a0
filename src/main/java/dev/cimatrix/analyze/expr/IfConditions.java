package dev.cimatrix.analyze.expr;

import dev.cimatrix.analyze.expr.IfAnalysis.SpoofableActorCheck;
import dev.cimatrix.analyze.expr.IfAnalysis.UnsoundContains;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.ContextPaths;
import dev.cimatrix.model.expr.Embedded;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Analysis of an {@code if:} value: whether it can ever be false (class C05, always-true conditions),
 * and which of its gates are weak (C03 spoofable actor checks, C04 unsound {@code contains}).
 *
 * <p>Folding looks at the condition as written. GitHub also adds an implicit {@code success() &&} to a
 * condition without a status function; that depends on earlier steps, not on who triggered the run.
 */
public final class IfConditions {
    /** Actor contexts compared with bot names, with why the comparison does not prove who wrote the code. */
    private static final Map<String, String> ACTOR_PATHS = Map.of(
            "github.actor", "github.actor is whoever caused this run (the last pusher, a re-run, a bot acting on "
                    + "someone's request), not the author of the code it runs",
            "github.triggering_actor", "github.triggering_actor is whoever started or re-ran this run, not the "
                    + "author of the code it runs",
            "github.event.sender.login", "the event's sender is the actor of this run, not the author of the code",
            "github.actor_id", "github.actor_id identifies whoever caused this run, not the author of the code",
            "github.event.sender.id", "the event's sender is the actor of this run, not the author of the code",
            "github.event.pull_request.user.login", "the pull request's author may be a bot while later commits "
                    + "on its branch come from whoever can push there");

    /** User ids of dependabot[bot] and github-actions[bot], which conditions compare with *_id contexts. */
    private static final List<String> BOT_IDS = List.of("49699333", "41898282");

    private IfConditions() {
    }

    /**
     * Analyses one {@code if:} as read by the workflow reader.
     *
     * @param known contexts fixed before the run, such as {@code github.event_name} for a workflow with a
     *              single trigger; everything else is unknown
     */
    public static IfAnalysis analyze(Condition condition, ContextValues known) {
        List<SpoofableActorCheck> actorChecks = new ArrayList<>();
        List<UnsoundContains> unsoundContains = new ArrayList<>();
        if (condition.isExpression()) {
            int offset = condition.embedded().isEmpty() ? 0 : condition.embedded().get(0).sourceOffset();
            scan(condition.expr(), offset, actorChecks, unsoundContains);
            Truth truth = new ConditionFolder(known).fold(condition.expr());
            return new IfAnalysis(truth, expressionReason(truth), actorChecks, unsoundContains);
        }
        for (Embedded embedded : condition.embedded()) {
            scan(embedded.expr(), embedded.sourceOffset(), actorChecks, unsoundContains);
        }
        return stringCondition(condition, known, actorChecks, unsoundContains);
    }

    private static String expressionReason(Truth truth) {
        return switch (truth) {
            case ALWAYS_TRUE -> "the condition is true whatever the run's data, so it restricts nothing";
            case ALWAYS_FALSE -> "the condition is false whatever the run's data, so this never runs";
            case DEPENDS -> "the condition depends on data known only when the workflow runs";
        };
    }

    /**
     * An interpolated string is true unless it is empty. It is never empty when there is text outside the
     * expressions; when there is none (two expressions back to back), it is empty only if all are empty.
     */
    private static IfAnalysis stringCondition(Condition condition, ContextValues known,
                                              List<SpoofableActorCheck> actorChecks,
                                              List<UnsoundContains> unsoundContains) {
        String raw = condition.raw();
        List<Embedded> embedded = condition.embedded();
        int expressionChars = embedded.stream().mapToInt(Embedded::length).sum();
        String why;
        if (embedded.size() == 1 && raw.strip().length() == embedded.get(0).length()) {
            why = raw.endsWith("\n")
                    ? "the value ends with a line break (a '|' block scalar keeps it), so it is not exactly one ${{ }}"
                    : "white space around the ${{ }} makes the value a string rather than an expression";
        } else if (embedded.size() > 1) {
            why = "several ${{ }} joined by text make the value a string rather than one expression";
        } else {
            why = "text outside the ${{ }} makes the value a string rather than an expression";
        }
        if (expressionChars < raw.length()) {
            return new IfAnalysis(Truth.ALWAYS_TRUE, why + "; GitHub evaluates a non-empty string as true",
                    actorChecks, unsoundContains);
        }
        Evaluator evaluator = new Evaluator(known);
        boolean unknown = false;
        for (Embedded e : embedded) {
            Object value;
            try {
                value = evaluator.evaluate(e.expr());
            } catch (EvaluationException failure) {
                value = Values.UNKNOWN;
            }
            if (Values.isUnknown(value)) {
                unknown = true;
            } else if (!Values.toText(value).isEmpty()) {
                return new IfAnalysis(Truth.ALWAYS_TRUE, why + "; the string is not empty, so it is true",
                        actorChecks, unsoundContains);
            }
        }
        return unknown
                ? new IfAnalysis(Truth.DEPENDS, why + "; it is true whenever the joined text is not empty",
                        actorChecks, unsoundContains)
                : new IfAnalysis(Truth.ALWAYS_FALSE, why + "; the joined text is always empty", actorChecks,
                        unsoundContains);
    }

    private static void scan(Expr expr, int offset, List<SpoofableActorCheck> actorChecks,
                             List<UnsoundContains> unsoundContains) {
        scan(expr, true, offset, actorChecks, unsoundContains);
    }

    /**
     * @param positive whether {@code expr} holding makes the condition more likely to hold (an even number
     *                 of negations above it). Only an actor test that passes <em>because</em> the actor is a
     *                 bot is a gate a spoofed bot opens: {@code github.actor != 'dependabot[bot]'} lets
     *                 every actor but the bot through, so passing for a bot gains an attacker nothing.
     */
    private static void scan(Expr expr, boolean positive, int offset, List<SpoofableActorCheck> actorChecks,
                             List<UnsoundContains> unsoundContains) {
        if (expr instanceof Binary b) {
            boolean equality = b.op() == Binary.Op.EQ;
            if ((equality && positive) || (b.op() == Binary.Op.NE && !positive)) {
                actorComparison(b, b.left(), b.right(), offset, actorChecks);
                actorComparison(b, b.right(), b.left(), offset, actorChecks);
            }
            scan(b.left(), positive, offset, actorChecks, unsoundContains);
            scan(b.right(), positive, offset, actorChecks, unsoundContains);
        } else if (expr instanceof Call c) {
            call(c, positive, offset, actorChecks, unsoundContains);
            for (Expr arg : c.args()) {
                scan(arg, positive, offset, actorChecks, unsoundContains);
            }
        } else if (expr instanceof Not n) {
            scan(n.operand(), !positive, offset, actorChecks, unsoundContains);
        } else if (expr instanceof Index i) {
            scan(i.target(), positive, offset, actorChecks, unsoundContains);
            scan(i.index(), positive, offset, actorChecks, unsoundContains);
        } else if (expr instanceof Property p) {
            scan(p.target(), positive, offset, actorChecks, unsoundContains);
        } else if (expr instanceof Star s) {
            scan(s.target(), positive, offset, actorChecks, unsoundContains);
        }
    }

    private static void actorComparison(Expr check, Expr actor, Expr other, int offset,
                                        List<SpoofableActorCheck> found) {
        Optional<String> path = ContextPaths.of(actor).filter(ACTOR_PATHS::containsKey);
        Optional<String> bot = botLiteral(other);
        if (path.isPresent() && bot.isPresent()) {
            found.add(new SpoofableActorCheck(check, path.get(), bot.get(), ACTOR_PATHS.get(path.get()), offset));
        }
    }

    private static void call(Call c, boolean positive, int offset, List<SpoofableActorCheck> actorChecks,
                             List<UnsoundContains> unsoundContains) {
        boolean contains = c.is("contains");
        if (!contains && !c.is("startsWith") && !c.is("endsWith")) {
            return;
        }
        Expr first = c.args().get(0);
        Expr second = c.args().get(1);
        // contains(haystack, actor) and startsWith(actor, prefix) both test an actor against bot names.
        if (positive) {
            actorComparison(c, second, first, offset, actorChecks);
            actorComparison(c, first, second, offset, actorChecks);
        }
        if (contains && first instanceof Literal l && l.value() instanceof String haystack
                && !(second instanceof Literal)) {
            unsoundContains.add(new UnsoundContains(c, haystack, ContextPaths.of(second).orElse(null), offset));
        }
    }

    /** A literal in {@code expr} that names a bot account, if any. */
    private static Optional<String> botLiteral(Expr expr) {
        if (expr instanceof Literal l && l.value() != null) {
            String text = Values.toText(l.value());
            String lower = text.toLowerCase(Locale.ROOT);
            boolean bot = lower.contains("[bot]") || lower.contains("dependabot") || lower.contains("renovate")
                    || lower.contains("github-actions") || BOT_IDS.contains(text);
            return bot ? Optional.of(text) : Optional.empty();
        }
        if (expr instanceof Call c) {
            for (Expr arg : c.args()) {
                Optional<String> found = botLiteral(arg);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
