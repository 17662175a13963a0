package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.expr.IfAnalysis.SpoofableActorCheck;
import dev.cimatrix.analyze.github.Gates;
import dev.cimatrix.analyze.github.JobEvents;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Trigger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An {@code if:} that trusts the run because its actor is a bot ({@code github.actor == 'dependabot[bot]'}).
 * The actor is whoever caused the run, not who wrote what it runs: an outsider can open a pull request and
 * have Dependabot rebase it, or push to a branch that a bot's pull request comes from, and pass the gate.
 */
public final class BotConditionsCheck extends ConditionCheck {
    public static final String ID = "gha-bot-conditions";
    private static final String PULL_REQUEST_AUTHOR = "github.event.pull_request.user.login";

    @Override
    public String id() {
        return ID;
    }

    @Override
    void report(Conditions.Analysed condition, FindingSink findings) {
        List<SpoofableActorCheck> checks = condition.analysis().spoofableActorChecks();
        if (checks.isEmpty()) {
            return;
        }
        SpoofableActorCheck first = checks.get(0);
        String compared = checks.stream().map(c -> c.actorPath() + " with '" + c.botName() + "'").distinct()
                .collect(Collectors.joining(", "));
        var finding = findings.at(condition.written().text().location())
                .subject(condition.owner() + " " + compared)
                .message("the condition of " + condition.owner() + " compares " + compared + ": " + first.why()
                        + ", so it does not prove that a bot wrote what runs");
        if (condition.workflow() == null) {
            // In a composite action the triggers are the callers'.
            finding.severity(Severity.MEDIUM).confidence(Confidence.LOW);
        } else {
            // The condition itself may keep the outsider's events or their forks out.
            List<Trigger> outsider = Triggers.outsider(condition.workflow()).stream()
                    .filter(t -> JobEvents.allows(condition.written(), t.event())).toList();
            var parsed = condition.written().parsed();
            if (outsider.isEmpty()) {
                // Only people with write access start these runs.
                finding.severity(Severity.LOW);
            } else if (Triggers.privilegedOutsider(condition.workflow()).stream()
                    .noneMatch(t -> JobEvents.allows(condition.written(), t.event()))) {
                // A fork's pull_request run gets a read-only token and no secrets, and runs the pull request's own
                // copy of the workflow: whatever the actor, the condition guards nothing an outsider reaches.
                finding.severity(Severity.LOW).related(outsider.get(0).location(), "an outsider can cause this run, "
                        + "but a fork's run gets a read-only token and no secrets, and uses its own copy of the workflow");
            } else if (checks.stream().allMatch(c -> c.actorPath().equals(PULL_REQUEST_AUTHOR))) {
                // The author is fixed when the pull request is opened, and a bot opens its pull requests from
                // branches of the repository itself: only people who can push there add commits to them.
                finding.severity(Severity.LOW).related(outsider.get(0).location(), "an outsider can cause this run, "
                        + "but cannot open a pull request as the bot or push to its branch");
            } else if (parsed != null && parsed.isExpression() && Gates.shutsOutForks(parsed.expr())) {
                // Another part of the condition is false for every fork's pull request: only people who can push
                // to the repository get past it, whatever the actor is.
                finding.severity(Severity.LOW).related(outsider.get(0).location(), "an outsider can cause this run, "
                        + "but the condition keeps pull requests from forks out");
            } else {
                finding.related(outsider.get(0).location(), "an outsider can cause this run");
            }
        }
        finding.property("actor", first.actorPath()).property("bot", first.botName()).report();
    }
}
