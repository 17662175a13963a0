package dev.cimatrix.fix;

import dev.cimatrix.analyze.github.CodeSinks;
import dev.cimatrix.discover.yaml.SourceText;
import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlDocument;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.Step;
import dev.cimatrix.model.Workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fix of {@code gha-template-injection} in one file: each {@code ${{ expr }}} in a script becomes a reference to
 * an environment variable the step sets to {@code ${{ expr }}}, written for the place it stands (inside double
 * quotes, single quotes or none in a shell script; as {@code ${env:NAME}} in PowerShell; as {@code process.env.NAME}
 * in the script of actions/github-script). The value then reaches the script as data: no character of it can end a
 * string or start a command. Sites whose quoting is not certain, where the value stands as a command or as code,
 * and expressions other than a plain context path are left as they are, each with the reason.
 */
final class TemplateInjectionFix {
    /** A context path: {@code github.event.issue.title}, {@code steps.meta.outputs.tags}, {@code inputs.name}. */
    private static final Pattern CONTEXT_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\\d+\\])+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SPACES_IN_EXPRESSION = Pattern.compile("\\s+");

    private final String path;
    private final String text;
    private final YamlDocumentSet yaml;
    private final SourceText source;
    private final String lineBreak;
    private Map<String, YamlNode> nodes;
    /** Per step route: the variables to add to its env, in order, name to expression. */
    private final Map<String, StepPlan> steps = new LinkedHashMap<>();
    private final List<Edit> edits = new ArrayList<>();
    /** Per sink route: the value's text as it must read after the fix. */
    private final Map<String, ValueChange> values = new HashMap<>();
    private String failure = "";

    private record Edit(int start, int end, String text) {
    }

    private static final class StepPlan {
        final YamlMapping node;
        final Map<String, String> added = new LinkedHashMap<>();

        StepPlan(YamlMapping node) {
            this.node = node;
        }
    }

    /** The edits to one value, in the value's own coordinates. */
    private static final class ValueChange {
        final String before;
        final List<Edit> edits = new ArrayList<>();

        ValueChange(String before) {
            this.before = before;
        }

        String after() {
            StringBuilder out = new StringBuilder(before);
            edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                    .forEach(e -> out.replace(e.start(), e.end(), e.text()));
            return out.toString();
        }
    }

    TemplateInjectionFix(String path, String text, YamlDocumentSet yaml) {
        this.path = path;
        this.text = text;
        this.yaml = yaml;
        this.source = new SourceText(text);
        this.lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** Why {@link #apply()} gave nothing. */
    String failure() {
        return failure;
    }

    /** Plans the fix of one expression, or says why it has none. */
    Optional<String> add(Workflow workflow, Job job, Step step, CodeSinks.CodeValue code, ExpressionUse use) {
        Scalar value = code.value();
        String expression = use.source().strip();
        if (!CONTEXT_PATH.matcher(expression).matches()) {
            return Optional.of("only a plain context path such as github.event.issue.title is moved into an "
                    + "environment variable, not '" + expression + "'");
        }
        if (value.onCommentedLine(use)) {
            return Optional.of("the expression stands on a commented-out line; delete the line instead");
        }
        Language language;
        try {
            language = language(workflow, job, step, code);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        YamlNode stepNode = node(step.location().route());
        YamlNode sinkNode = node(value.location().route());
        if (!(stepNode instanceof YamlMapping stepMapping) || stepMapping.aliasSite().isPresent()
                || !(sinkNode instanceof YamlScalar sink) || sink.aliasSite().isPresent()
                || !sink.text().equals(value.value())) {
            return Optional.of("the step is written through a YAML alias or could not be found again in the file");
        }
        int length = use.source().length() + 5;
        if (use.offset() < 0 || use.offset() + length > value.value().length()
                || !value.value().startsWith("${{", use.offset())
                || !value.value().startsWith("}}", use.offset() + length - 2)) {
            return Optional.of("the expression's text could not be found in the value");
        }
        StepPlan plan = steps.computeIfAbsent(step.location().route(), r -> new StepPlan(stepMapping));
        String name = variable(workflow, job, step, value, expression, plan);
        if (name == null) {
            return Optional.of("no environment variable name could be made from '" + expression + "'");
        }
        int start = use.offset();
        int end = start + length;
        String replacement;
        switch (language) {
            case POSIX -> {
                ScriptQuotes.At at = ScriptQuotes.posix(value.value(), start);
                replacement = switch (at.context()) {
                    // Unquoted, as the pasted value was: the words of a list stay words, and quotes, semicolons
                    // and substitutions in it are now only text.
                    case UNQUOTED -> "${" + name + "}";
                    case DOUBLE -> "${" + name + "}";
                    case SINGLE -> {
                        // Out of the single quotes and back in, leaving out a side that would be left empty.
                        boolean opensHere = at.open() == start - 1;
                        boolean closesHere = at.close() == end;
                        String quoted = (opensHere ? "" : "'") + "\"${" + name + "}\"" + (closesHere ? "" : "'");
                        start -= opensHere ? 1 : 0;
                        end += closesHere ? 1 : 0;
                        yield quoted;
                    }
                    default -> null;
                };
                if (replacement == null) {
                    return Optional.of(refusal(at.context()));
                }
            }
            case POWERSHELL -> {
                ScriptQuotes.At at = ScriptQuotes.powershell(value.value(), start);
                if (at.context() != ScriptQuotes.Context.UNQUOTED && at.context() != ScriptQuotes.Context.DOUBLE) {
                    return Optional.of(refusal(at.context()));
                }
                replacement = "${env:" + name + "}";
            }
            default -> {
                ScriptQuotes.At at = ScriptQuotes.javascript(value.value(), start);
                if (at.context() == ScriptQuotes.Context.TEMPLATE) {
                    replacement = "${process.env." + name + "}";
                } else if ((at.context() == ScriptQuotes.Context.SINGLE || at.context() == ScriptQuotes.Context.DOUBLE)
                        && at.open() == start - 1 && at.close() == end) {
                    // The string holds nothing but the expression: it becomes the variable itself.
                    start = at.open();
                    end = at.close() + 1;
                    replacement = "process.env." + name;
                } else if (at.context() == ScriptQuotes.Context.SINGLE || at.context() == ScriptQuotes.Context.DOUBLE) {
                    return Optional.of("the expression is part of a longer JavaScript string; write the string as a "
                            + "template literal with ${process.env.NAME}");
                } else {
                    return Optional.of(refusal(at.context()));
                }
            }
        }
        Location span = value.locator().locate(start, end - start);
        int fileStart = source.charIndex(span.startLine() - 1, span.startColumn() - 1);
        int lastChar = source.charIndex(span.endLine() - 1, span.endColumn() - 1);
        int fileEnd = lastChar + sourceLength(lastChar, sink.style());
        String written = escaped(replacement, sink.style());
        if (written == null || (sink.style() == YamlScalar.Style.PLAIN && start == 0 && "\"'".indexOf(written.charAt(0)) >= 0)) {
            return Optional.of("the value is a plain YAML scalar that the rewritten text would turn into another kind");
        }
        edits.add(new Edit(fileStart, fileEnd, written));
        values.computeIfAbsent(value.location().route(), r -> new ValueChange(value.value()))
                .edits.add(new Edit(start, end, replacement));
        if (!expression.startsWith("env.") && step.env().stream().noneMatch(e -> e.key().equals(name))) {
            plan.added.putIfAbsent(name, expression);
        }
        return Optional.empty();
    }

    /** How many chars of the source spell the value's char that starts at {@code at}: more for an escape. */
    private int sourceLength(int at, YamlScalar.Style style) {
        if (style == YamlScalar.Style.SINGLE_QUOTED && text.startsWith("''", at)) {
            return 2;
        }
        if (style == YamlScalar.Style.DOUBLE_QUOTED && text.charAt(at) == '\\' && at + 1 < text.length()) {
            return switch (text.charAt(at + 1)) {
                case 'x' -> 4;
                case 'u' -> 6;
                case 'U' -> 10;
                default -> 2;
            };
        }
        return Character.charCount(text.codePointAt(at));
    }

    private static String refusal(ScriptQuotes.Context context) {
        return switch (context) {
            case COMMAND -> "the value stands where a command name does, so it is run as a command; passing it as data "
                    + "would change what the step does";
            case UNQUOTED -> "the value is pasted into the code itself, not into a string";
            case SINGLE -> "the expression is inside single quotes, which PowerShell does not expand";
            default -> "the quoting around the expression could not be followed with certainty";
        };
    }

    private enum Language { POSIX, POWERSHELL, JAVASCRIPT }

    private Language language(Workflow workflow, Job job, Step step, CodeSinks.CodeValue code) {
        if (!code.where().equals("run")) {
            if (code.where().equals("with.script") && step.uses() != null
                    && "actions/github-script".equalsIgnoreCase(step.uses().repository())) {
                return Language.JAVASCRIPT;
            }
            throw new IllegalStateException("the value is read by " + code.language() + ", for which there is no fix");
        }
        String shell = step.shell();
        if (shell == null && job != null) {
            shell = jobDefaultShell(job);
        }
        if (shell == null && workflow != null) {
            shell = workflow.runShell();
        }
        if (shell == null) {
            if (job == null) {
                throw new IllegalStateException("the step names no shell");
            }
            for (Scalar label : job.runsOn()) {
                if (label != null && label.hasExpressions()) {
                    throw new IllegalStateException("the default shell (bash or PowerShell) depends on a runner the "
                            + "workflow chooses when it runs; name the shell of the step");
                }
            }
            boolean windows = job.runsOn().stream().anyMatch(l -> l != null
                    && l.value().toLowerCase(Locale.ROOT).contains("windows"));
            return windows ? Language.POWERSHELL : Language.POSIX;
        }
        if (shell.contains("{0}") && !shell.strip().startsWith("bash") && !shell.strip().startsWith("sh ")) {
            throw new IllegalStateException("the step runs a custom shell '" + shell + "'");
        }
        String first = shell.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "bash", "sh" -> Language.POSIX;
            case "pwsh", "powershell" -> Language.POWERSHELL;
            default -> throw new IllegalStateException("the step's shell is " + first + ", for which there is no fix");
        };
    }

    private String jobDefaultShell(Job job) {
        if (node(job.location().route()) instanceof YamlMapping mapping) {
            return mapping.getMapping("defaults").flatMap(d -> d.getMapping("run")).flatMap(r -> r.getText("shell"))
                    .orElse(null);
        }
        return null;
    }

    /**
     * The variable for an expression in a step: {@code env.X} is X itself; otherwise a name from the path
     * ({@code github.event.pull_request.title} is {@code PULL_REQUEST_TITLE}), one the step already sets to the same
     * expression, or one made unique against the env of the step, job and workflow and the words of the script.
     */
    private static String variable(Workflow workflow, Job job, Step step, Scalar value, String expression,
                                   StepPlan plan) {
        if (expression.startsWith("env.")) {
            String name = expression.substring(4);
            return ENV_NAME.matcher(name).matches() ? name : null;
        }
        String normalised = "${{" + expression + "}}";
        for (KeyValue entry : step.env()) {
            if (entry.value() != null && SPACES_IN_EXPRESSION.matcher(entry.value().value()).replaceAll("")
                    .equals(normalised) && ENV_NAME.matcher(entry.key()).matches()) {
                return entry.key();
            }
        }
        for (Map.Entry<String, String> planned : plan.added.entrySet()) {
            if (planned.getValue().equals(expression)) {
                return planned.getKey();
            }
        }
        String stem = expression.replaceFirst("^github\\.event\\.", "").replaceFirst("^github\\.", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^[_0-9]+|_+$", "");
        if (stem.isEmpty()) {
            return null;
        }
        if (stem.startsWith("GITHUB_") || stem.startsWith("RUNNER_") || stem.startsWith("ACTIONS_")
                || stem.startsWith("INPUT_")) {
            stem = "VALUE_" + stem;
        }
        Set<String> taken = new java.util.HashSet<>(plan.added.keySet());
        step.env().forEach(e -> taken.add(e.key()));
        if (job != null) {
            job.env().forEach(e -> taken.add(e.key()));
        }
        if (workflow != null) {
            workflow.env().forEach(e -> taken.add(e.key()));
        }
        String name = stem;
        for (int n = 2; taken.contains(name) || Pattern.compile("\\b" + name + "\\b").matcher(value.value()).find(); n++) {
            name = stem + "_" + n;
        }
        return name;
    }

    /** The replacement as written inside a scalar of this style, or null where it cannot be. */
    private static String escaped(String replacement, YamlScalar.Style style) {
        return switch (style) {
            case DOUBLE_QUOTED -> replacement.replace("\\", "\\\\").replace("\"", "\\\"");
            case SINGLE_QUOTED -> replacement.replace("'", "''");
            case PLAIN -> replacement.contains(": ") || replacement.contains(" #") ? null : replacement;
            case LITERAL, FOLDED -> replacement;
        };
    }

    // ---- applying ------------------------------------------------------------------------------------------------

    /** The file's new text, read back and checked; empty (with {@link #failure()}) when the check fails. */
    Optional<String> apply() {
        List<Edit> all = new ArrayList<>(edits);
        for (StepPlan plan : steps.values()) {
            if (!plan.added.isEmpty()) {
                Optional<Edit> insertion = envInsertion(plan);
                if (insertion.isEmpty()) {
                    return fail("the step's env is written on one line or is empty; add the variables to it by hand");
                }
                all.add(insertion.get());
            }
        }
        // Insertions before replacements at one offset, and from the end so the offsets stay true.
        all.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Edit edit : all) {
            if (edit.end() > limit) {
                return fail("two fixes overlap");
            }
            out.replace(edit.start(), edit.end(), edit.text());
            limit = edit.start();
        }
        String after = out.toString();
        Optional<String> problem = readsBackAsPlanned(after);
        if (problem.isPresent()) {
            return fail("the rewritten file did not read back as planned (" + problem.get() + "), so it is left unchanged");
        }
        return Optional.of(after);
    }

    private Optional<String> fail(String reason) {
        failure = reason;
        return Optional.empty();
    }

    /** The lines that set the step's new variables: appended to its env block, or a new env block. */
    private Optional<Edit> envInsertion(StepPlan plan) {
        Optional<YamlEntry> env = plan.node.entry("env");
        if (env.isPresent()) {
            if (!(env.get().value() instanceof YamlMapping mapping) || mapping.isEmpty()
                    || mapping.entries().get(0).key().location().startLine() == env.get().key().location().startLine()) {
                return Optional.empty();
            }
            String indent = " ".repeat(mapping.entries().get(0).key().location().startColumn() - 1);
            YamlEntry last = mapping.entries().get(mapping.size() - 1);
            return Optional.of(new Edit(lineAfter(last.value()), lineAfter(last.value()),
                    leadingBreak(lineAfter(last.value())) + entries(plan, indent)));
        }
        List<YamlEntry> entries = plan.node.entries();
        String indent = " ".repeat(entries.get(0).key().location().startColumn() - 1);
        String block = indent + "env:" + lineBreak + entries(plan, indent + "  ");
        // Before the script's key when that key starts a line of its own, else after the step's last entry.
        for (int i = 1; i < entries.size(); i++) {
            YamlEntry entry = entries.get(i);
            String key = entry.key().text();
            if (key.equals("run") || key.equals("with")) {
                int keyStart = source.charIndex(entry.key().location().startLine() - 1, 0);
                if (text.substring(keyStart, source.charIndex(entry.key().location().startLine() - 1,
                        entry.key().location().startColumn() - 1)).isBlank()) {
                    return Optional.of(new Edit(keyStart, keyStart, block));
                }
            }
        }
        int at = lineAfter(entries.get(entries.size() - 1).value());
        return Optional.of(new Edit(at, at, leadingBreak(at) + block));
    }

    private String entries(StepPlan plan, String indent) {
        StringBuilder out = new StringBuilder();
        plan.added.forEach((name, expression) -> out.append(indent).append(name).append(": ${{ ").append(expression)
                .append(" }}").append(lineBreak));
        return out.toString();
    }

    /** A line break to put first when text is inserted at the end of a file that does not end with one. */
    private String leadingBreak(int at) {
        return at == text.length() && !text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r") ? lineBreak : "";
    }

    /** The offset of the start of the line after the one where a node's last character stands. */
    private int lineAfter(YamlNode node) {
        Location location = node.location();
        int lineEnd = source.charIndex(location.endLine(), 0);
        return location.endLine() >= lineCount() ? text.length() : lineEnd;
    }

    private int lineCount() {
        return source.lineOf(text.length()) + 1;
    }

    /**
     * Reads the new text and compares it with the old, node by node: it must differ only in the fixed values (each
     * reading exactly as planned) and in the new env entries.
     */
    private Optional<String> readsBackAsPlanned(String after) {
        YamlDocumentSet reread;
        try {
            reread = new YamlLoader().parse(path, after, YamlDialect.GITHUB);
        } catch (YamlLoadException e) {
            return Optional.of(e.getMessage());
        }
        if (reread.documents().size() != yaml.documents().size()) {
            return Optional.of("the number of YAML documents changed");
        }
        if (reread.diagnostics().size() != yaml.diagnostics().size()) {
            return Optional.of(reread.diagnostics().stream().filter(d -> !yaml.diagnostics().contains(d)).findFirst()
                    .map(d -> d.location().startLine() + ": " + d.message()).orElse("its warnings changed"));
        }
        for (int i = 0; i < yaml.documents().size(); i++) {
            YamlDocument before = yaml.documents().get(i);
            Optional<String> difference = compare(before.root(), reread.documents().get(i).root(), "");
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    private Optional<String> compare(YamlNode before, YamlNode after, String route) {
        ValueChange change = values.get(route);
        if (change != null) {
            return after instanceof YamlScalar s && s.text().equals(change.after()) ? Optional.empty()
                    : Optional.of(route + " does not read as planned");
        }
        if (before instanceof YamlScalar a) {
            return after instanceof YamlScalar b && a.text().equals(b.text()) && a.tag().equals(b.tag())
                    ? Optional.empty() : Optional.of(route + " changed");
        }
        if (before instanceof YamlSequence a) {
            if (!(after instanceof YamlSequence b) || a.size() != b.size()) {
                return Optional.of(route + " changed");
            }
            for (int i = 0; i < a.size(); i++) {
                Optional<String> d = compare(a.get(i), b.get(i), route(a.get(i), b.get(i)));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (before == null) {
            return after == null ? Optional.empty() : Optional.of(route + " changed");
        }
        YamlMapping a = (YamlMapping) before;
        if (!(after instanceof YamlMapping b)) {
            return Optional.of(route + " changed");
        }
        StepPlan plan = steps.get(route);
        boolean envAdded = plan != null && !plan.added.isEmpty() && !a.containsKey("env");
        List<String> expectedKeys = new ArrayList<>(a.keys());
        StepPlan owner = route.endsWith(".env") ? steps.get(route.substring(0, route.length() - 4)) : null;
        if (owner != null && !owner.added.isEmpty()) {
            expectedKeys.addAll(owner.added.keySet());
        }
        List<String> keys = new ArrayList<>(b.keys());
        if (envAdded) {
            if (!keys.remove("env") || !(b.get("env").orElse(null) instanceof YamlMapping env)
                    || !readsAsAdded(env, plan, List.of())) {
                return Optional.of(route + ".env does not read as planned");
            }
        }
        if (!keys.equals(expectedKeys)) {
            return Optional.of("the keys of " + (route.isEmpty() ? "the document" : route) + " changed");
        }
        for (YamlEntry entry : a.entries()) {
            YamlNode next = b.get(entry.key().text()).orElse(null);
            Optional<String> d = compare(entry.value(), next, route(entry.value(), next));
            if (d.isPresent()) {
                return d;
            }
        }
        if (owner != null && !readsAsAdded(b, owner, a.keys())) {
            return Optional.of(route + " does not read as planned");
        }
        return Optional.empty();
    }

    private static boolean readsAsAdded(YamlMapping env, StepPlan plan, List<String> existing) {
        for (Map.Entry<String, String> added : plan.added.entrySet()) {
            if (existing.contains(added.getKey())) {
                return false;
            }
            Optional<String> value = env.getText(added.getKey());
            if (value.isEmpty() || !value.get().equals("${{ " + added.getValue() + " }}")) {
                return false;
            }
        }
        return true;
    }

    /** The route of a node in the new text, which names it as the old text did. */
    private static String route(YamlNode before, YamlNode after) {
        YamlNode node = after != null ? after : before;
        return node == null ? "" : node.location().route();
    }

    private YamlNode node(String route) {
        if (nodes == null) {
            nodes = new HashMap<>();
            for (YamlDocument document : yaml.documents()) {
                index(document.root());
            }
        }
        return nodes.get(route);
    }

    private void index(YamlNode node) {
        if (node == null) {
            return;
        }
        nodes.putIfAbsent(node.location().route(), node);
        if (node instanceof YamlMapping mapping) {
            mapping.entries().forEach(e -> index(e.value()));
        } else if (node instanceof YamlSequence sequence) {
            sequence.items().forEach(this::index);
        }
    }
}
