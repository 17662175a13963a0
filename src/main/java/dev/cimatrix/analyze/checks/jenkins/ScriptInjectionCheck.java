package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.JenkinsPipeline.Interpolation;
import dev.cimatrix.model.JenkinsPipeline.Setting;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value others choose, written by Groovy into the script of a shell step ({@code sh "git push origin
 * ${env.CHANGE_BRANCH}"}): Groovy fills in a double-quoted string before the shell reads it, so quotes, semicolons and
 * command substitutions in a pull request's title or branch, or in a build parameter, run as commands on the agent
 * with the job's credentials. Values the script sets from such a value ({@code def branch = env.CHANGE_BRANCH},
 * {@code environment { TITLE = "${CHANGE_TITLE}" }}) are followed, eight deep. A single-quoted script that lets the
 * shell read the environment variable ({@code sh 'git push origin "$CHANGE_BRANCH"'}) keeps the value data, and is not
 * reported. The severity follows who can choose the value: high for a pull request's title and its author's name,
 * medium for its source branch and for build parameters, low for what needs push rights.
 */
public final class ScriptInjectionCheck implements Check {
    public static final String ID = "jenkins-script-injection";

    /** A value others write: what it holds, and how much its writers gain by it. */
    private record Outsider(String holds, Severity severity) {
    }

    /**
     * The environment variables of a multibranch build that others write. A pull request's title and its author's
     * display name are free text its author chooses, in a fork too; its source branch is a name its author chooses,
     * within Git's rules for names, which allow {@code $(…)}, {@code ;} and {@code |}; a branch or tag being built needs
     * push rights to name (a pull request's build is named {@code PR-<number>}).
     */
    private static final Map<String, Outsider> OUTSIDER_VARIABLES = Map.of(
            "CHANGE_TITLE", new Outsider("the pull request's title, which its author writes (in a fork too)",
                    Severity.HIGH),
            "CHANGE_AUTHOR_DISPLAY_NAME", new Outsider("the display name of the pull request's author, which that "
                    + "author sets", Severity.HIGH),
            "CHANGE_BRANCH", new Outsider("the pull request's source branch, which its author names (in a fork too)",
                    Severity.MEDIUM),
            "CHANGE_AUTHOR_EMAIL", new Outsider("the e-mail address of the pull request's author", Severity.LOW),
            "BRANCH_NAME", new Outsider("the branch or tag being built, which anyone who can push one names",
                    Severity.LOW),
            "GIT_BRANCH", new Outsider("the branch being built, which anyone who can push one names", Severity.LOW),
            "GIT_LOCAL_BRANCH", new Outsider("the branch being built, which anyone who can push one names",
                    Severity.LOW),
            "TAG_NAME", new Outsider("the tag being built, which anyone who can push a tag names", Severity.LOW));
    /** The parameter types whose values are free text. */
    private static final Set<String> TEXT_PARAMETERS = Set.of("string", "text", "password");
    private static final int MAX_DEPTH = 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        JenkinsPipeline pipeline = context.pipeline();
        Map<String, Origin> tainted = tainted(pipeline);
        Set<String> choices = new java.util.HashSet<>();
        pipeline.parameters().stream().filter(p -> !TEXT_PARAMETERS.contains(p.type()))
                .forEach(p -> choices.add(p.name()));
        for (ShellStep step : pipeline.steps()) {
            // A value written twice on one line of a script is one finding.
            Set<String> reported = new java.util.HashSet<>();
            for (Interpolation value : step.interpolations()) {
                Origin worst = null;
                for (String read : value.reads()) {
                    Origin origin = tainted.get(read);
                    if (origin == null && read.startsWith("params.") && !choices.contains(read.substring(7))) {
                        // Declared in the job's configuration rather than the script, of a type the script cannot tell.
                        origin = Origin.parameter(read.substring(7), false);
                    }
                    if (origin != null && (worst == null || origin.severity().compareTo(worst.severity()) > 0)) {
                        worst = origin;
                    }
                }
                if (worst != null && reported.add(value.location().startLine() + " " + worst.root())) {
                    report(step, value, worst, findings);
                }
            }
        }
    }

    private static void report(ShellStep step, Interpolation value, Origin origin, FindingSink findings) {
        String through = origin.chain().isEmpty() ? "" : ", through " + origin.chain();
        String read = switch (step.step()) {
            // cmd expands %NAME% before it reads the line, which is no safer; delayed expansion comes after.
            case "bat" -> "!" + origin.variable() + "! after setlocal EnableDelayedExpansion";
            case "powershell", "pwsh" -> "$env:" + origin.variable();
            default -> "\"$" + origin.variable() + "\"";
        };
        String fix = origin.chain().isEmpty() && origin.variable() != null
                ? "write the script in single quotes and let the shell read the environment variable: " + read
                : "hand the value over in withEnv([\"NAME=${…}\"]) and read it in a single-quoted script as the "
                + "environment variable";
        List<String> bound = step.secrets().stream().filter(n -> !n.endsWith("_USR") && !n.endsWith("_PSW"))
                .sorted().toList();
        String credentials = bound.isEmpty() ? "the job's credentials" : "the credentials bound around it ("
                + String.join(", ", bound.subList(0, Math.min(4, bound.size()))) + (bound.size() > 4 ? ", …" : "")
                + ")";
        var finding = findings.at(value.location())
                .message(step.label() + " has Groovy write " + value.source() + " into its script" + through + ": "
                        + origin.holds() + ". Groovy fills in a double-quoted string before the shell reads it, so "
                        + "quotes, semicolons or a command substitution in the value run as commands on the agent with "
                        + credentials + "; " + fix)
                .subject(step.subject() + " " + origin.root())
                .property("source", origin.root())
                .severity(origin.severity());
        if (!origin.chain().isEmpty() || !origin.declared()) {
            finding.confidence(Confidence.MEDIUM);
        }
        finding.report();
    }

    /**
     * How a name comes to hold a value others write.
     *
     * @param root     the outside value: an environment variable or {@code params.NAME}
     * @param variable the environment variable a shell reads it by, when it has one
     * @param chain    the names of the script set from it on the way, or empty
     * @param declared whether the script says what the value is (a parameter declared elsewhere may be a choice)
     */
    private record Origin(String root, String variable, String holds, Severity severity, String chain,
                          boolean declared) {
        static Origin parameter(String name, boolean declared) {
            return new Origin("params." + name, name, "the build parameter '" + name + "', which whoever may start "
                    + "the job sets", Severity.MEDIUM, "", declared);
        }

        Origin through(String name) {
            return new Origin(root, null, holds, severity, chain.isEmpty() ? name : chain + " and " + name, declared);
        }
    }

    /**
     * The names that hold a value others write, as the script reads them ({@code CHANGE_TITLE},
     * {@code env.CHANGE_TITLE}, {@code params.TARGET}): the outside values, and what the script sets from them.
     */
    private static Map<String, Origin> tainted(JenkinsPipeline pipeline) {
        Map<String, Origin> out = new HashMap<>();
        OUTSIDER_VARIABLES.forEach((name, outsider) -> {
            Origin origin = new Origin(name, name, outsider.holds(), outsider.severity(), "", true);
            out.put(name, origin);
            out.put("env." + name, origin);
        });
        for (JenkinsPipeline.Parameter parameter : pipeline.parameters()) {
            if (TEXT_PARAMETERS.contains(parameter.type())) {
                Origin origin = Origin.parameter(parameter.name(), true);
                out.put("params." + parameter.name(), origin);
                out.put("env." + parameter.name(), origin);
                out.put(parameter.name(), origin);
            }
        }
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Map<String, Origin> added = new HashMap<>();
            for (Setting setting : pipeline.settings()) {
                if (out.containsKey(setting.name()) || added.containsKey(setting.name())) {
                    continue;
                }
                for (String read : setting.reads()) {
                    Origin from = out.get(read);
                    if (from != null) {
                        Origin origin = from.through((setting.inEnvironment() ? "env." : "") + setting.name());
                        added.put(setting.name(), origin);
                        if (setting.inEnvironment()) {
                            added.put("env." + setting.name(), origin);
                        }
                        break;
                    }
                }
            }
            if (added.isEmpty()) {
                break;
            }
            out.putAll(added);
        }
        return out;
    }
}
