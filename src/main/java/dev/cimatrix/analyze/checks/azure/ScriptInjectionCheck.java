package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value that others choose, written into an inline script with macro syntax ({@code $(Build.SourceVersionMessage)})
 * or a template expression ({@code ${{ variables['Build.SourceBranch'] }}}): Azure Pipelines replaces the text before
 * the script runs, so quotes, semicolons and command substitutions in a commit message or a branch name become code
 * in the job, with its variables, secrets and access token. Variables of the file set from such a value
 * ({@code branch: $(Build.SourceBranchName)}) are followed, eight deep, and so are a template's parameters written into
 * its scripts ({@code ${{ parameters.message }}}) to the values the files taking it in pass them. Passed through
 * {@code env} and read as an
 * environment variable, the value stays data, and is not reported. The severity follows who can choose the value:
 * high for a commit message, medium for a pull request's source branch, low for what needs push rights.
 */
public final class ScriptInjectionCheck implements Check {
    public static final String ID = "azure-script-injection";

    /**
     * A predefined variable whose value others write: what it holds, how much its writers gain by it, and whether it
     * can hold a line break, which leaves a comment line.
     */
    private record Outsider(String holds, Severity severity, boolean multiLine) {
    }

    /**
     * Predefined variables whose values others write, by lower-case name. A commit message reaches builds of the
     * branch it is merged into, written by an outsider whose pull request was merged; a pull request's source branch is
     * named by its author, though the pull request's build already runs that author's code; a branch or tag being
     * built, or the name of whoever started the run, needs push rights to choose.
     */
    private static final Map<String, Outsider> OUTSIDER_VARIABLES = Map.of(
            "build.sourceversionmessage", new Outsider("the commit message, which the commit's author writes: for a "
                    + "merged pull request, an outsider's text (its title, in a squash merge) in a build of the target "
                    + "branch", Severity.HIGH, true),
            "system.pullrequest.sourcebranch", new Outsider("the pull request's source branch, which its author names "
                    + "(in a fork too)", Severity.MEDIUM, false),
            "build.sourcebranch", new Outsider("the branch or tag being built, which anyone who can push one names",
                    Severity.LOW, false),
            "build.sourcebranchname", new Outsider("the branch or tag being built, which anyone who can push one "
                    + "names", Severity.LOW, false),
            "build.requestedfor", new Outsider("the display name of whoever pushed or started the run",
                    Severity.LOW, false));
    /** A template or runtime expression and the variable it reads: {@code variables['x']} or {@code variables.x}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$(?:\\{\\{|\\[)([^}\\]]*?)variables(?:\\[\\s*'([^']+)'"
            + "\\s*]|\\.([A-Za-z_][A-Za-z0-9_.]*))([^}\\]]*)(?:}}|])");
    /** Functions whose result is a truth value or a number, never the text of the variable they read. */
    private static final Pattern NOT_TEXT = Pattern.compile("(?i)\\b(?:eq|ne|gt|ge|lt|le|and|or|not|xor|in|notin|"
            + "contains|containsvalue|startswith|endswith|length|counter)\\s*\\(");
    /** A template expression that reads a parameter: {@code parameters['x']} or {@code parameters.x}. */
    private static final Pattern PARAMETER = Pattern.compile("\\$\\{\\{([^}]*?)parameters(?:\\[\\s*'([^']+)'"
            + "\\s*]|\\.([A-Za-z_][A-Za-z0-9_]*))([^}]*)}}");
    private static final int MAX_DEPTH = 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        Map<String, Origin> tainted = tainted(context.pipeline());
        Templates templates = context.pipeline().template()
                ? context.derived().get(Templates.class, () -> new Templates(context.inventory())) : null;
        for (AzureScripts script : AzureScripts.of(context.pipeline())) {
            Scalar text = script.step().script();
            if (templates != null) {
                passedIn(context.pipeline(), script, templates, findings);
            }
            for (Use use : uses(text.value())) {
                Origin origin = tainted.get(use.name().toLowerCase(Locale.ROOT));
                if (origin == null || text.onCommentedLine(use.start())
                        && !OUTSIDER_VARIABLES.get(origin.root()).multiLine()) {
                    continue;
                }
                String through = origin.chain().isEmpty() ? "" : ", through the variable " + origin.chain();
                String fix = script.step().shell().equals("bash") || script.step().shell().equals("script")
                        ? "\"$NAME\"" : "$env:NAME";
                var finding = findings.at(text.locate(use.start(), use.end() - use.start()))
                        .message(script.where() + " writes " + use.written() + " into its text" + through + ": "
                                + OUTSIDER_VARIABLES.get(origin.root()).holds() + ". Azure Pipelines replaces it before the "
                                + "script runs, so quotes, semicolons or a command substitution in it run as code in "
                                + "this job; pass it in env (NAME: " + use.written() + ") and read it as " + fix)
                        .subject(script.subject() + " " + origin.root())
                        .property("variable", origin.root())
                        .severity(OUTSIDER_VARIABLES.get(origin.root()).severity());
                if (!origin.chain().isEmpty()) {
                    finding.confidence(Confidence.MEDIUM);
                }
                finding.report();
            }
        }
    }

    /**
     * The parameters of a template written into a script, where a pipeline or template that takes it in passes a value
     * others write ({@code message: $(Build.SourceVersionMessage)}): the template's expression puts the macro into
     * the script, and Azure Pipelines replaces the macro before the script runs.
     */
    private static void passedIn(AzurePipeline template, AzureScripts script, Templates templates,
                                 FindingSink findings) {
        Scalar text = script.step().script();
        for (Use use : parameterUses(text.value())) {
            Optional<Passed> found = templates.passedTo(template, use.name());
            if (found.isEmpty() || text.onCommentedLine(use.start())
                    && !OUTSIDER_VARIABLES.get(found.get().origin().root()).multiLine()) {
                continue;
            }
            Passed passed = found.get();
            Outsider outsider = OUTSIDER_VARIABLES.get(passed.origin().root());
            String fix = script.step().shell().equals("bash") || script.step().shell().equals("script")
                    ? "\"$NAME\"" : "$env:NAME";
            findings.at(text.locate(use.start(), use.end() - use.start()))
                    .message(script.where() + " writes " + use.written() + " into its text, and " + passed.describe()
                            + ": " + outsider.holds() + ". The template "
                            + "puts the value into the script and Azure Pipelines replaces it before the script runs, "
                            + "so quotes, semicolons or a command substitution in it run as code in this job; pass it "
                            + "in env (NAME: " + use.written() + ") and read it as " + fix)
                    .subject(script.subject() + " " + passed.origin().root())
                    .property("variable", passed.origin().root())
                    .severity(outsider.severity())
                    .confidence(Confidence.MEDIUM)
                    .related(passed.value().location(), passed.by() + " passes the value here")
                    .report();
        }
    }

    /** The template expressions of a text that read a parameter as text, in order. */
    public static List<Use> parameterUses(String text) {
        List<Use> out = new ArrayList<>();
        if (text.indexOf("${{") < 0) {
            return out;
        }
        Matcher m = PARAMETER.matcher(text);
        while (m.find()) {
            if (!NOT_TEXT.matcher(m.group(1) + m.group(4)).find()) {
                out.add(new Use(m.group(2) != null ? m.group(2) : m.group(3), m.start(), m.end(), m.group()));
            }
        }
        return out;
    }

    /**
     * A value others write passed to a template's parameter: the variable it comes from, the value as passed and who
     * passes it (the first file, from the template's side, that writes the variable in).
     */
    private record Passed(Origin origin, Scalar value, String by, String source) {
        /** "azure-pipelines.yml passes $(Build.SourceVersionMessage)", and where it came from when passed on. */
        String describe() {
            return by + " passes " + value.value().strip() + " to it" + (source == null ? "" : ", set from " + source);
        }
    }

    /** A file that takes a template in, and how. */
    private record Call(AzurePipeline caller, AzurePipeline.TemplateUse use) {
    }

    /**
     * Who takes in each template of the inventory's Azure Pipelines files, worked out once for the scan, and the
     * origins of the values passed to each parameter, once each.
     */
    private static final class Templates {
        /** The files that take each template in, by the template's path. */
        private final Map<String, List<Call>> callers = new HashMap<>();
        private final Map<String, Map<String, Origin>> tainted = new HashMap<>();
        private final Map<String, Optional<Passed>> traced = new HashMap<>();

        Templates(Inventory inventory) {
            for (AzurePipeline caller : inventory.azure()) {
                for (AzurePipeline.TemplateUse use : caller.templates()) {
                    if (use.file() != null && !use.parameters().isEmpty()) {
                        callers.computeIfAbsent(use.file(), t -> new ArrayList<>()).add(new Call(caller, use));
                    }
                }
            }
        }

        /** As {@link #passed}, worked out once for each parameter of each template. */
        Optional<Passed> passedTo(AzurePipeline template, String name) {
            return traced.computeIfAbsent(template.path() + " " + name,
                    k -> passed(template, name, 0, new HashSet<>()));
        }

        /** The gravest value others write that a file taking in {@code template} passes to its parameter. */
        private Optional<Passed> passed(AzurePipeline template, String name, int depth, Set<String> seen) {
            Optional<AzurePipeline.Parameter> declared = template.parameters().stream()
                    .filter(p -> p.name().equals(name)).findFirst();
            if (declared.map(AzurePipeline.Parameter::constrained).orElse(false) || depth >= MAX_DEPTH
                    || !seen.add(template.path() + " " + name)) {
                return Optional.empty();
            }
            Passed gravest = null;
            for (Call call : callers.getOrDefault(template.path(), List.of())) {
                AzurePipeline caller = call.caller();
                Optional<KeyValue> value = call.use().parameter(name);
                if (value.isEmpty()) {
                    continue;
                }
                Scalar passed = value.get().value();
                Map<String, Origin> variables = tainted.computeIfAbsent(caller.path(), k -> tainted(caller));
                for (Use inner : uses(passed.value())) {
                    Origin origin = variables.get(inner.name().toLowerCase(Locale.ROOT));
                    if (origin != null) {
                        gravest = graver(gravest, new Passed(origin, passed, caller.path(), null));
                    }
                }
                if (caller.template()) {
                    for (Use inner : parameterUses(passed.value())) {
                        Optional<Passed> further = passed(caller, inner.name(), depth + 1, seen);
                        if (further.isPresent()) {
                            Passed root = further.get();
                            gravest = graver(gravest, new Passed(root.origin(), passed, caller.path(),
                                    root.source() != null ? root.source()
                                            : root.value().value().strip() + " in " + root.by()));
                        }
                    }
                }
            }
            return Optional.ofNullable(gravest);
        }

        private static Passed graver(Passed a, Passed b) {
            return a == null || OUTSIDER_VARIABLES.get(b.origin().root()).severity()
                    .compareTo(OUTSIDER_VARIABLES.get(a.origin().root()).severity()) > 0 ? b : a;
        }
    }

    /** Where a value of the variable {@code name} is written into a text: {@code written} spans start to end. */
    public record Use(String name, int start, int end, String written) {
    }

    /** The macros and variable-reading expressions of a text, in order. */
    public static List<Use> uses(String text) {
        List<Use> out = new ArrayList<>();
        if (text.indexOf('$') < 0) {
            return out;
        }
        Matcher macro = AzureScripts.MACRO.matcher(text);
        while (macro.find()) {
            out.add(new Use(macro.group(1), macro.start(), macro.end(), macro.group()));
        }
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            String around = expression.group(1) + expression.group(4);
            if (!NOT_TEXT.matcher(around).find()) {
                String name = expression.group(2) != null ? expression.group(2) : expression.group(3);
                out.add(new Use(name, expression.start(), expression.end(), expression.group()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Use::start));
        return out;
    }

    /** How a variable comes to hold a value others write: the predefined variable, and the file's variables between. */
    private record Origin(String root, String chain) {
    }

    /** The variables that hold a value others write: the predefined ones, and those the file sets from them. */
    private static Map<String, Origin> tainted(AzurePipeline pipeline) {
        Map<String, Origin> out = new HashMap<>();
        OUTSIDER_VARIABLES.keySet().forEach(name -> out.put(name, new Origin(name, "")));
        Map<String, String> defined = new LinkedHashMap<>();
        Map<String, String> written = new HashMap<>();
        for (AzurePipeline.Variable variable : pipeline.variables()) {
            if (variable.value().value().indexOf('$') >= 0) {
                String key = variable.name().toLowerCase(Locale.ROOT);
                defined.putIfAbsent(key, variable.value().value());
                written.putIfAbsent(key, variable.name());
            }
        }
        for (int depth = 0; depth < MAX_DEPTH && !defined.isEmpty(); depth++) {
            Map<String, Origin> added = new HashMap<>();
            for (var entry : defined.entrySet()) {
                if (out.containsKey(entry.getKey())) {
                    continue;
                }
                for (Use use : uses(entry.getValue())) {
                    Origin from = out.get(use.name().toLowerCase(Locale.ROOT));
                    if (from != null) {
                        String name = written.get(entry.getKey());
                        added.put(entry.getKey(), new Origin(from.root(),
                                from.chain().isEmpty() ? name : from.chain() + " and " + name));
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
