package dev.cimatrix.analyze.checks.circleci;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CircleciContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline value that others write ({@code << pipeline.git.commit.subject >>}, a pull request's title or branch, a
 * comment), written into a {@code run} command. CircleCI puts the value into the configuration's text when it compiles
 * it, before the shell reads the command, so quotes, {@code ;} and {@code $(…)} in the value run as commands in the
 * job, with its environment and contexts. Job and command parameters are followed to the values their callers pass
 * (a workflow calling a job, a step calling a command of the file), eight calls deep; parameters of a type other than
 * {@code string} hold no shell syntax. Passed through {@code environment} and read as a variable, the value stays data
 * and is not reported. The severity follows who writes the value.
 */
public final class ScriptInjectionCheck implements Check {
    public static final String ID = "circleci-script-injection";

    /** A pipeline value others write: what it holds, how much its writers gain by it, and whether it spans lines. */
    record Outsider(String holds, Severity severity, boolean multiLine) {
    }

    private static final String MESSAGE = "the commit message, which the commit's author writes: for a merged pull "
            + "request, an outsider's text in a build of the target branch";
    private static final String BRANCH = "the branch being built, which anyone who can push one names";

    /**
     * The pipeline values others write (CircleCI's list of pipeline values). Free text that the author of a commit,
     * pull request or comment writes is high; a pull request's branch or an author's name, medium; what needs push
     * or triage rights to choose (branch, tag, label), low. Logins, ids, numbers and SHAs hold no shell syntax.
     */
    static final Map<String, Outsider> OUTSIDER_VALUES = Map.ofEntries(
            Map.entry("pipeline.git.commit.subject", new Outsider("the first line of " + MESSAGE, Severity.HIGH, false)),
            Map.entry("pipeline.git.commit.body", new Outsider("the body of " + MESSAGE, Severity.HIGH, true)),
            Map.entry("pipeline.trigger_parameters.github_app.commit_title",
                    new Outsider("the first line of " + MESSAGE, Severity.HIGH, false)),
            Map.entry("pipeline.trigger_parameters.github_app.commit_message",
                    new Outsider(MESSAGE, Severity.HIGH, true)),
            Map.entry("pipeline.event.github.pull_request.title",
                    new Outsider("the pull request's title, which its author writes (from a fork too)", Severity.HIGH,
                            false)),
            Map.entry("pipeline.event.github.comment.body",
                    new Outsider("the body of a comment, which anyone who can comment writes", Severity.HIGH, true)),
            Map.entry("pipeline.trigger_parameters.webhook.body",
                    new Outsider("the body of the request that triggered the pipeline through a custom webhook",
                            Severity.HIGH, true)),
            Map.entry("pipeline.event.github.pull_request.head.ref",
                    new Outsider("the pull request's source branch, which its author names (in a fork too)",
                            Severity.MEDIUM, false)),
            Map.entry("pipeline.git.commit.author_name",
                    new Outsider("the commit's author name, which the author sets to any text", Severity.MEDIUM, false)),
            Map.entry("pipeline.git.commit.author_email",
                    new Outsider("the commit's author email, which the author sets to any text", Severity.MEDIUM,
                            false)),
            Map.entry("pipeline.trigger_parameters.github_app.commit_author_name",
                    new Outsider("the commit's author name, which the author sets to any text", Severity.MEDIUM, false)),
            Map.entry("pipeline.git.branch", new Outsider(BRANCH, Severity.LOW, false)),
            Map.entry("pipeline.trigger_parameters.github_app.branch", new Outsider(BRANCH, Severity.LOW, false)),
            Map.entry("pipeline.trigger_parameters.github_app.ref", new Outsider(BRANCH, Severity.LOW, false)),
            Map.entry("pipeline.event.github.ref", new Outsider(BRANCH, Severity.LOW, false)),
            Map.entry("pipeline.event.github.pull_request.base.ref",
                    new Outsider("the pull request's target branch, which those who can push name", Severity.LOW,
                            false)),
            Map.entry("pipeline.git.tag", new Outsider("the tag being built, which anyone who can push one names",
                    Severity.LOW, false)),
            Map.entry("pipeline.event.github.label",
                    new Outsider("a label's name, which those who can manage labels choose", Severity.LOW, false)),
            Map.entry("pipeline.trigger_parameters.github_app.user_name",
                    new Outsider("the display name of whoever pushed or started the pipeline", Severity.LOW, false)));
    private static final Outsider PIPELINE_PARAMETER = new Outsider("a pipeline parameter, which whoever triggers the "
            + "pipeline through the API or the web app chooses", Severity.LOW, false);
    /** {@code << path >>}, not escaped as {@code \<<}; an expression in the brackets is not text and is left out. */
    private static final Pattern TEMPLATE = Pattern.compile("(?<!\\\\)<<\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*>>");
    private static final int MAX_CALLS = 8;
    /** The gravest first; among equals, the one with the shortest route (a default before a call). */
    private static final Comparator<Origin> GRAVEST = Comparator.comparing((Origin o) -> o.outsider().severity())
            .thenComparing(o -> o.passedBy() == null);

    @Override
    public String id() {
        return ID;
    }

    /** A value written into a command with {@code << path >>}: {@code written} spans start to end. */
    public record Use(String path, int start, int end, String written) {
    }

    /** The values written into a command's text with {@code << path >>}, in order. */
    public static List<Use> uses(String command) {
        List<Use> out = new ArrayList<>();
        if (command.indexOf("<<") < 0) {
            return out;
        }
        Matcher m = TEMPLATE.matcher(command);
        while (m.find()) {
            out.add(new Use(m.group(1), m.start(), m.end(), m.group()));
        }
        return out;
    }

    @Override
    public void circleci(CircleciContext context, FindingSink findings) {
        CircleciConfig config = context.config();
        Tracer tracer = new Tracer(config);
        for (CircleciConfig.Unit unit : config.units()) {
            for (CircleciConfig.Run run : unit.runs()) {
                Scalar command = run.command();
                for (Use use : uses(command.value())) {
                    Optional<Origin> found = tracer.written(unit, use.path());
                    if (found.isEmpty() || command.onCommentedLine(use.start()) && !found.get().outsider().multiLine()) {
                        continue;
                    }
                    Origin origin = found.get();
                    String through = origin.passedBy() == null ? "" : ", and " + origin.passedBy().where() + " passes << "
                            + origin.value() + " >> to it" + (origin.via().isEmpty() ? ""
                            : " through " + String.join(" and ", origin.via()));
                    var finding = findings.at(command.locate(use.start(), use.end() - use.start()))
                            .message(unit.describe(run) + " writes " + use.written() + " into its command" + through + ": "
                                    + origin.outsider().holds() + ". CircleCI puts the value into the configuration "
                                    + "before the shell reads the command, so quotes, `;` and `$(…)` in it run as "
                                    + "commands in the job, with its environment and contexts; pass it through the "
                                    + "step's environment (VALUE: " + use.written() + ") and quote the variable (\"$VALUE\")")
                            .subject(unit.name() + " " + origin.value())
                            .property("value", origin.value())
                            .severity(origin.outsider().severity());
                    if (origin.passedBy() != null) {
                        finding.related(origin.passedBy().location(), origin.passedBy().where() + " passes << "
                                + origin.value() + " >> here").confidence(Confidence.MEDIUM);
                    }
                    finding.report();
                }
            }
        }
    }

    /**
     * Where a written value comes from: the pipeline value and what it holds, the call that passes it into a parameter
     * (null when written directly), and the callers that pass it on from there, the nearest to that call first.
     */
    record Origin(String value, Outsider outsider, Call passedBy, List<String> via) {
        Origin(String value, Outsider outsider) {
            this(value, outsider, null, List.of());
        }
    }

    /** A call that passes a value on: who calls, and where. */
    record Call(String where, Location location) {
    }

    /** Follows parameters to the values their callers and defaults give them. */
    private static final class Tracer {
        private final CircleciConfig config;
        /** The calls of each unit, by its full name. */
        private final Map<String, List<CircleciConfig.Invocation>> callsTo = new HashMap<>();
        private final Map<String, CircleciConfig.Unit> units = new HashMap<>();
        /** The origin of each parameter of each unit, once worked out from the unit's own runs. */
        private final Map<String, Optional<Origin>> traced = new HashMap<>();

        Tracer(CircleciConfig config) {
            this.config = config;
            config.units().forEach(unit -> units.putIfAbsent(unit.name(), unit));
            config.invocations().forEach(call -> callsTo.computeIfAbsent(called(call), t -> new ArrayList<>()).add(call));
        }

        /** As {@link #origin}, from a run of the unit: worked out once for each parameter. */
        Optional<Origin> written(CircleciConfig.Unit unit, String path) {
            if (!path.startsWith("parameters.")) {
                return origin(unit, path, 0, new HashSet<>());
            }
            return traced.computeIfAbsent(unit.name() + " " + path, k -> origin(unit, path, 0, new HashSet<>()));
        }

        /** The gravest origin of {@code path} written in {@code unit} (null for a workflow), if others write it. */
        Optional<Origin> origin(CircleciConfig.Unit unit, String path, int depth, Set<String> seen) {
            Outsider outsider = OUTSIDER_VALUES.get(path);
            if (outsider != null) {
                return Optional.of(new Origin(path, outsider));
            }
            if (path.startsWith("pipeline.parameters.")) {
                return config.parameter(path.substring("pipeline.parameters.".length()))
                        .filter(CircleciConfig.Parameter::anyText)
                        .map(p -> new Origin(path, PIPELINE_PARAMETER));
            }
            if (unit == null || !path.startsWith("parameters.") || depth >= MAX_CALLS) {
                return Optional.empty();
            }
            String name = path.substring("parameters.".length());
            Optional<CircleciConfig.Parameter> parameter = unit.parameter(name);
            if (parameter.isEmpty() || !parameter.get().anyText() || !seen.add(unit.name() + " " + name)) {
                return Optional.empty();
            }
            List<Origin> origins = new ArrayList<>();
            Scalar defaultValue = parameter.get().defaultValue();
            if (defaultValue != null) {
                // A default is compiled with the pipeline's values only.
                origins.addAll(written(null, defaultValue.value(), depth, seen, null));
            }
            for (CircleciConfig.Invocation call : callsTo.getOrDefault(unit.name(), List.of())) {
                CircleciConfig.Unit caller = call.caller() == null ? null : units.get(call.caller());
                for (KeyValue argument : call.arguments()) {
                    if (argument.key().equals(name)) {
                        origins.addAll(written(caller, argument.value().value(), depth, seen,
                                new Call(call.where(), argument.value().location())));
                    }
                }
            }
            return origins.stream().max(GRAVEST);
        }

        /** The origins of the values written in a text of {@code caller}, each seen as passed by {@code call}. */
        private List<Origin> written(CircleciConfig.Unit caller, String text, int depth, Set<String> seen, Call call) {
            List<Origin> out = new ArrayList<>();
            for (Use use : uses(text)) {
                origin(caller, use.path(), depth + 1, seen).ifPresent(o -> {
                    if (o.passedBy() == null || call == null) {
                        out.add(new Origin(o.value(), o.outsider(), o.passedBy() != null ? o.passedBy() : call, o.via()));
                    } else {
                        List<String> via = new ArrayList<>(o.via());
                        via.add(call.where());
                        out.add(new Origin(o.value(), o.outsider(), o.passedBy(), List.copyOf(via)));
                    }
                });
            }
            return out;
        }

        /**
         * The full name of the unit a call names: inside an inline orb, a name the orb defines is the orb's own
         * ({@code setup} called from {@code orb/build} is {@code orb/setup}); any other is the file's.
         */
        private String called(CircleciConfig.Invocation call) {
            int slash = call.caller() == null ? -1 : call.caller().lastIndexOf('/');
            if (slash >= 0) {
                String local = call.caller().substring(0, slash + 1) + call.target();
                if (units.containsKey(local)) {
                    return local;
                }
            }
            return call.target();
        }
    }
}
