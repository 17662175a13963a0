package dev.cimatrix.discover.jenkins;

import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.JenkinsPipeline.Image;
import dev.cimatrix.model.JenkinsPipeline.Interpolation;
import dev.cimatrix.model.JenkinsPipeline.Library;
import dev.cimatrix.model.JenkinsPipeline.Parameter;
import dev.cimatrix.model.JenkinsPipeline.Setting;
import dev.cimatrix.model.JenkinsPipeline.SettingKind;
import dev.cimatrix.model.JenkinsPipeline.ShellStep;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the syntax tree of a pipeline script once, in file order, and collects what the model keeps: shell steps with
 * the values Groovy writes into them, the stage and the credentials around each, shared libraries, container images,
 * named values and build parameters. Steps are recognised by name wherever they stand, in declarative blocks, in
 * {@code script { }}, in methods and in closures, as Jenkins runs them.
 */
final class PipelineWalker extends CodeVisitorSupport {
    private static final Set<String> SHELL_STEPS = Set.of("sh", "bat", "powershell", "pwsh");
    /** The variables a {@code withCredentials} binding names, by the binding's argument. */
    private static final Set<String> BINDING_VARIABLES = Set.of("variable", "usernameVariable", "passwordVariable",
            "keyFileVariable", "passphraseVariable", "certificateVariable", "aliasVariable");
    /** The objects through which library code and scripts call steps ({@code steps.sh(…)}). */
    private static final Set<String> STEP_OWNERS = Set.of("steps", "script", "this");
    /** The steps of a {@code parameters} block that declare a parameter. */
    private static final Set<String> PARAMETER_STEPS = Set.of("string", "text", "password", "booleanParam", "choice",
            "file", "base64File", "stashedFile", "credentials", "run", "gitParameter", "extendedChoice",
            "activeChoice", "reactiveChoice");

    private final GroovySource source;
    /** The steps and methods called around the node being walked, innermost last. */
    private final Deque<String> calls = new ArrayDeque<>();
    private final Deque<String> stages = new ArrayDeque<>();
    private final Deque<Set<String>> secrets = new ArrayDeque<>();
    private final List<Library> libraries = new ArrayList<>();
    private final List<ShellStep> steps = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private final List<Setting> settings = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Scalar> agents = new ArrayList<>();
    private boolean declarative;

    PipelineWalker(GroovySource source) {
        this.source = source;
    }

    JenkinsPipeline walk(ModuleNode module) {
        List<ImportNode> imports = new ArrayList<>(module.getImports());
        imports.addAll(module.getStarImports());
        imports.addAll(module.getStaticImports().values());
        imports.addAll(module.getStaticStarImports().values());
        imports.sort(Comparator.comparingInt(ASTNode::getLineNumber));
        imports.forEach(this::annotations);
        module.getStatementBlock().visit(this);
        for (MethodNode method : module.getMethods()) {
            visitMethod(method);
        }
        for (ClassNode type : module.getClasses()) {
            if (type.isScript()) {
                continue;
            }
            annotations(type);
            for (FieldNode field : type.getFields()) {
                if (field.hasInitialExpression()) {
                    field.getInitialExpression().visit(this);
                }
            }
            type.getDeclaredConstructors().forEach(this::visitMethod);
            type.getMethods().forEach(this::visitMethod);
        }
        // Imports are walked first, and may stand below the declaration an annotation of which loads a library.
        libraries.sort(Comparator.comparingInt((Library l) -> l.reference().location().startLine())
                .thenComparingInt(l -> l.reference().location().startColumn()));
        return new JenkinsPipeline(source.path(), source.span(0, source.text().length(), ""), declarative, libraries,
                steps, images, settings, parameters, agents);
    }

    private void visitMethod(MethodNode method) {
        annotations(method);
        if (method.getCode() != null) {
            method.getCode().visit(this);
        }
    }

    /** The {@code @Library} annotations of a declaration, an import or a class. */
    private void annotations(AnnotatedNode node) {
        for (AnnotationNode annotation : node.getAnnotations()) {
            String name = annotation.getClassNode().getName();
            if (!name.equals("Library") && !name.endsWith(".Library")) {
                continue;
            }
            Expression value = annotation.getMember("value");
            List<Expression> references = value instanceof ListExpression list ? list.getExpressions()
                    : value == null ? List.of() : List.of(value);
            for (Expression reference : references) {
                stringValue(reference, "@Library").ifPresent(s -> libraries.add(new Library(s, "@Library")));
            }
        }
    }

    @Override
    public void visitMethodCallExpression(MethodCallExpression call) {
        String name = call.getMethodAsString();
        if (name == null) {
            super.visitMethodCallExpression(call);
            return;
        }
        Arguments arguments = Arguments.of(call.getArguments());
        boolean step = call.isImplicitThis() || call.getObjectExpression() instanceof VariableExpression owner
                && STEP_OWNERS.contains(owner.getName());
        String stage = null;
        Set<String> bound = Set.of();
        if (step) {
            switch (name) {
                case "pipeline" -> declarative |= arguments.closure() != null;
                case "stage" -> stage = arguments.first().flatMap(e -> stringValue(e, "stage"))
                        .map(s -> s.value().strip()).orElse(null);
                case "withCredentials" -> bound = arguments.first().map(PipelineWalker::bindings).orElse(Set.of());
                case "withEnv" -> arguments.first().ifPresent(this::withEnv);
                case "library" -> arguments.named("identifier").or(arguments::first)
                        .flatMap(e -> stringValue(e, "library")).ifPresent(s -> libraries.add(new Library(s, "library")));
                case "image" -> {
                    if (calls.contains("docker")) {
                        arguments.first().flatMap(e -> stringValue(e, "agent.docker.image"))
                                .ifPresent(s -> images.add(new Image(s, "agent docker")));
                    }
                }
                case "docker" -> {
                    if (calls.contains("agent") && arguments.closure() == null) {
                        arguments.first().flatMap(e -> stringValue(e, "agent.docker"))
                                .ifPresent(s -> images.add(new Image(s, "agent docker")));
                    }
                }
                case "containerTemplate" -> arguments.named("image").flatMap(e -> stringValue(e, "containerTemplate"))
                        .ifPresent(s -> images.add(new Image(s, "containerTemplate")));
                case "node" -> arguments.named("label").or(arguments::first).flatMap(e -> stringValue(e, "node"))
                        .ifPresent(agents::add);
                case "label" -> {
                    if (calls.contains("agent")) {
                        arguments.first().flatMap(e -> stringValue(e, "agent.label")).ifPresent(agents::add);
                    }
                }
                default -> {
                    if (SHELL_STEPS.contains(name)) {
                        arguments.named("script").or(() -> arguments.first().filter(e -> !(e instanceof ClosureExpression)))
                                .ifPresent(script -> shell(name, call, script));
                    } else if (PARAMETER_STEPS.contains(name) && calls.contains("parameters")) {
                        arguments.named("name").flatMap(e -> stringValue(e, "parameters"))
                                .ifPresent(s -> parameters.add(new Parameter(s.value().strip(), name, s.location())));
                    }
                }
            }
        } else if (name.equals("image") && call.getObjectExpression() instanceof VariableExpression owner
                && owner.getName().equals("docker")) {
            arguments.first().flatMap(e -> stringValue(e, "docker.image"))
                    .ifPresent(s -> images.add(new Image(s, "docker.image")));
        }
        if (stage != null) {
            stages.push(stage);
        }
        if (!bound.isEmpty()) {
            secrets.push(bound);
        }
        calls.addLast(name);
        try {
            super.visitMethodCallExpression(call);
        } finally {
            calls.removeLast();
            if (!bound.isEmpty()) {
                secrets.pop();
            }
            if (stage != null) {
                stages.pop();
            }
        }
    }

    /**
     * A closure's own {@code environment { NAME = credentials('…') }} entries bind credentials for everything in the
     * closure (a declarative pipeline or stage), before and after the block.
     */
    @Override
    public void visitClosureExpression(ClosureExpression closure) {
        Set<String> bound = new HashSet<>();
        if (closure.getCode() instanceof BlockStatement block) {
            for (Statement statement : block.getStatements()) {
                if (statement instanceof ExpressionStatement es && es.getExpression() instanceof MethodCallExpression call
                        && "environment".equals(call.getMethodAsString())
                        && Arguments.of(call.getArguments()).closure() instanceof ClosureExpression environment
                        && environment.getCode() instanceof BlockStatement entries) {
                    for (Statement entry : entries.getStatements()) {
                        if (entry instanceof ExpressionStatement e && e.getExpression() instanceof BinaryExpression b
                                && b.getLeftExpression() instanceof VariableExpression variable
                                && isCredentials(b.getRightExpression())) {
                            bound.add(variable.getName());
                            bound.add(variable.getName() + "_USR");
                            bound.add(variable.getName() + "_PSW");
                        }
                    }
                }
            }
        }
        if (bound.isEmpty()) {
            super.visitClosureExpression(closure);
            return;
        }
        secrets.push(bound);
        try {
            super.visitClosureExpression(closure);
        } finally {
            secrets.pop();
        }
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression declaration) {
        annotations(declaration);
        super.visitDeclarationExpression(declaration);
    }

    @Override
    public void visitBinaryExpression(BinaryExpression expression) {
        if (expression.getOperation().getText().equals("=")) {
            assignment(expression);
        }
        super.visitBinaryExpression(expression);
    }

    private void assignment(BinaryExpression expression) {
        Expression left = expression.getLeftExpression();
        Expression right = expression.getRightExpression();
        String name;
        SettingKind kind;
        if (left instanceof VariableExpression variable) {
            name = variable.getName();
            kind = "environment".equals(calls.peekLast()) ? SettingKind.ENVIRONMENT : SettingKind.VARIABLE;
        } else {
            name = Reads.entryOf(left, "env");
            kind = SettingKind.ENV_PROPERTY;
        }
        if (name == null || right instanceof org.codehaus.groovy.ast.expr.EmptyExpression) {
            return;
        }
        Scalar value = stringValue(right, kind.name().toLowerCase(Locale.ROOT)).orElse(null);
        settings.add(new Setting(name, kind, source.location(expression, name), value, Reads.of(right),
                isCredentials(right)));
    }

    /** The entries of {@code withEnv(['NAME=value', …])}. */
    private void withEnv(Expression list) {
        if (!(list instanceof ListExpression entries)) {
            return;
        }
        for (Expression entry : entries.getExpressions()) {
            stringValue(entry, "withEnv").ifPresent(text -> {
                int equals = text.value().indexOf('=');
                if (equals <= 0) {
                    return;
                }
                String name = text.value().substring(0, equals).strip();
                Location at = text.locate(equals + 1, text.value().length() - equals - 1);
                Scalar value = new Scalar(text.value().substring(equals + 1), at, List.of(),
                        (offset, length) -> text.locate(equals + 1 + offset, length));
                settings.add(new Setting(name, SettingKind.WITH_ENV, source.location(entry, name), value,
                        Reads.of(entry), false));
            });
        }
    }

    private static boolean isCredentials(Expression value) {
        return value instanceof MethodCallExpression call && call.isImplicitThis()
                && "credentials".equals(call.getMethodAsString());
    }

    /** The variables a {@code withCredentials([…])} list binds. */
    private static Set<String> bindings(Expression list) {
        Set<String> names = new HashSet<>();
        List<Expression> items = list instanceof ListExpression l ? l.getExpressions() : List.of(list);
        for (Expression item : items) {
            if (item instanceof MethodCallExpression binding) {
                Arguments arguments = Arguments.of(binding.getArguments());
                for (Map.Entry<String, Expression> named : arguments.named.entrySet()) {
                    if (BINDING_VARIABLES.contains(named.getKey())
                            && named.getValue() instanceof ConstantExpression c && c.getValue() instanceof String s) {
                        names.add(s);
                    }
                }
            }
        }
        return names;
    }

    private void shell(String step, MethodCallExpression call, Expression script) {
        String stage = stages.peek();
        String route = (stage == null ? "" : "stage[" + stage + "].") + step;
        Set<String> bound = new HashSet<>();
        secrets.forEach(bound::addAll);
        List<Interpolation> interpolations = new ArrayList<>();
        Scalar text;
        // Where the script's text starts in the file, for placing the values in it; -1 when it cannot be told.
        int textStart;
        Optional<Scalar> literal = stringValue(script, route);
        if (literal.isPresent()) {
            text = literal.get();
            textStart = GroovySource.placed(script) ? literalSpan(script)[1] : -1;
            if (script instanceof GStringExpression gstring) {
                gstring.getValues().forEach(v -> interpolations.add(interpolation(v, text, textStart, true)));
            }
        } else {
            List<Expression> parts = new ArrayList<>();
            concatenated(script, parts);
            // A concatenation's own span is its operator's: the script runs from its first operand to its last.
            int from = Integer.MAX_VALUE;
            int to = -1;
            for (Expression part : parts) {
                if (GroovySource.placed(part)) {
                    int[] span = literal(part) ? literalSpan(part) : null;
                    from = Math.min(from, span != null ? span[0] : source.start(part));
                    to = Math.max(to, span != null ? span[3] : source.end(part));
                }
            }
            text = to > from ? source.scalar(from, to, route) : Scalar.of(script.getText(), source.location(call, route));
            textStart = to > from ? from : -1;
            for (Expression part : parts) {
                if (part instanceof GStringExpression gstring) {
                    gstring.getValues().forEach(v -> interpolations.add(interpolation(v, text, textStart, true)));
                } else if (!(part instanceof ConstantExpression)) {
                    interpolations.add(interpolation(part, text, textStart, false));
                }
            }
        }
        steps.add(new ShellStep(step, source.location(call, route), text, interpolations, stage, bound));
    }

    /** The operands of a chain of {@code +}, or the expression itself. */
    private static void concatenated(Expression expression, List<Expression> parts) {
        if (expression instanceof BinaryExpression b && b.getOperation().getText().equals("+")) {
            concatenated(b.getLeftExpression(), parts);
            concatenated(b.getRightExpression(), parts);
        } else {
            parts.add(expression);
        }
    }

    /**
     * A value written into {@code text}. In a double-quoted string, its source is what stands between {@code ${} and
     * the brace that closes it, or the name after {@code $}, found in the text (Groovy's spans of expressions may run
     * on to the token after them); a concatenation's operand is named as Groovy prints it. {@code textStart} is where
     * the text starts in the file, -1 when that is not known.
     */
    private Interpolation interpolation(Expression value, Scalar text, int textStart, boolean inString) {
        String route = text.location().route();
        String all = source.text();
        int textEnd = textStart < 0 ? -1 : Math.min(all.length(), textStart + text.value().length());
        if (inString && textStart >= 0 && GroovySource.placed(value)) {
            int at = source.start(value);
            int dollar = at > 0 && all.charAt(at - 1) == '$' ? at - 1 : at < all.length() && all.charAt(at) == '$'
                    ? at : -1;
            if (dollar >= textStart && dollar < textEnd) {
                int end;
                String written;
                if (dollar + 1 < textEnd && all.charAt(dollar + 1) == '{') {
                    end = closingBrace(all, dollar + 1, textEnd);
                    written = all.substring(dollar + 2, Math.max(dollar + 2, end - 1)).strip();
                } else {
                    end = dollar + 1;
                    while (end < textEnd && (Character.isJavaIdentifierPart(all.charAt(end))
                            || all.charAt(end) == '.' && end + 1 < textEnd
                            && Character.isJavaIdentifierStart(all.charAt(end + 1)))) {
                        end++;
                    }
                    written = all.substring(dollar + 1, end);
                }
                return new Interpolation(written.isEmpty() ? value.getText() : written,
                        source.span(dollar, end, route), dollar - textStart, end - dollar, Reads.of(value));
            }
        }
        String written = value.getText().startsWith("this.") ? value.getText().substring(5) : value.getText();
        int offset = textStart >= 0 && GroovySource.placed(value) && source.start(value) >= textStart
                && source.start(value) < textEnd ? source.start(value) - textStart : -1;
        // Groovy's end of an operand may run on to the next token, so its length is not told.
        return new Interpolation(written, source.location(value, route), offset, -1, Reads.of(value));
    }

    /** Just past the brace that closes the one at {@code open}, counting braces between; {@code limit} at most. */
    private static int closingBrace(String text, int open, int limit) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    /**
     * A string written out (single- or double-quoted, triple-quoted, slashy or dollar-slashy) as a scalar of its
     * text without the quotes; a double-quoted string keeps its {@code ${…}} as written. Empty for any other
     * expression.
     */
    private Optional<Scalar> stringValue(Expression expression, String route) {
        boolean string = expression instanceof GStringExpression
                || expression instanceof ConstantExpression c && c.getValue() instanceof String;
        if (!string) {
            return Optional.empty();
        }
        if (!GroovySource.placed(expression)) {
            return Optional.of(Scalar.of(expression instanceof ConstantExpression c ? (String) c.getValue()
                    : expression.getText(), source.location(expression, route)));
        }
        int[] span = literalSpan(expression);
        return Optional.of(source.scalar(span[1], span[2], route));
    }

    /**
     * Where a string written out stands: its start, where its text starts and ends inside the quotes, and its end.
     * Groovy may end a double-quoted string's span at the token after it, so the closing delimiter is the anchor.
     */
    private int[] literalSpan(Expression literal) {
        String text = source.text();
        int start = source.start(literal);
        String opening = text.startsWith("\'\'\'", start) ? "\'\'\'" : text.startsWith("\"\"\"", start) ? "\"\"\""
                : text.startsWith("$/", start) ? "$/" : start < text.length() && "\'\"/".indexOf(text.charAt(start)) >= 0
                ? String.valueOf(text.charAt(start)) : "";
        String closing = opening.equals("$/") ? "/$" : opening;
        int contentStart = start + opening.length();
        int end = Math.min(text.length(), Math.max(contentStart, source.end(literal)));
        int close = closing.isEmpty() ? -1 : text.lastIndexOf(closing, end - closing.length());
        return close >= contentStart ? new int[]{start, contentStart, close, close + closing.length()}
                : new int[]{start, contentStart, end, end};
    }

    /** Whether an expression is a string written out. */
    private static boolean literal(Expression expression) {
        return GroovySource.placed(expression) && (expression instanceof GStringExpression
                || expression instanceof ConstantExpression c && c.getValue() instanceof String);
    }

    /** The positional, named and closure arguments of a call. */
    private record Arguments(List<Expression> positional, Map<String, Expression> named, Expression closure) {
        static Arguments of(Expression arguments) {
            List<Expression> positional = new ArrayList<>();
            Map<String, Expression> named = new LinkedHashMap<>();
            List<Expression> all = arguments instanceof TupleExpression tuple ? tuple.getExpressions()
                    : arguments instanceof ArgumentListExpression list ? list.getExpressions() : List.of(arguments);
            for (Expression argument : all) {
                if (argument instanceof MapExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                        if (entry.getKeyExpression() instanceof ConstantExpression key) {
                            named.putIfAbsent(String.valueOf(key.getValue()), entry.getValueExpression());
                        }
                    }
                } else {
                    positional.add(argument);
                }
            }
            Expression closure = !positional.isEmpty() && positional.get(positional.size() - 1)
                    instanceof ClosureExpression last ? last : null;
            return new Arguments(positional, named, closure);
        }

        Optional<Expression> first() {
            return positional.isEmpty() ? Optional.empty() : Optional.of(positional.get(0));
        }

        Optional<Expression> named(String name) {
            return Optional.ofNullable(named.get(name));
        }
    }

    /**
     * The names whose text an expression's value can carry. What only decides which value it takes (the condition of
     * {@code a ? b : c}, the operands of a comparison or a logical operator) or is turned into a truth value or a
     * number ({@code name.isEmpty()}, {@code name.size()}) is not read into the value.
     */
    static final class Reads extends CodeVisitorSupport {
        private static final Set<String> TESTS = Set.of("==", "!=", "<", ">", "<=", ">=", "<=>", "=~", "==~", "&&",
                "||", "in", "instanceof", "===", "!==");
        private static final Set<String> NOT_TEXT = Set.of("isEmpty", "size", "length", "equals", "equalsIgnoreCase",
                "startsWith", "endsWith", "contains", "matches", "any", "every", "count", "hashCode", "toBoolean",
                "toInteger", "toLong", "asBoolean", "isInteger", "isNumber", "compareTo", "indexOf");
        private static final Set<String> TEXT_FROM_ARGUMENTS = Set.of("replace", "replaceAll", "replaceFirst", "plus",
                "concat", "join", "format", "sprintf", "padLeft", "padRight", "center", "collect", "collectEntries",
                "inject", "with", "call", "multiply", "leftShift", "append", "withDefault", "get", "getOrDefault",
                "getAt");
        private final Set<String> names = new HashSet<>();

        static Set<String> of(Expression expression) {
            Reads reads = new Reads();
            expression.visit(reads);
            return reads.names;
        }

        /**
         * The entry of {@code owner} ({@code env} or {@code params}) an expression names, however written:
         * {@code env.NAME}, {@code env['NAME']}, {@code env."NAME"}; null for any other expression.
         */
        static String entryOf(Expression expression, String owner) {
            if (expression instanceof PropertyExpression property
                    && property.getObjectExpression() instanceof VariableExpression object
                    && object.getName().equals(owner) && property.getProperty() instanceof ConstantExpression name) {
                return String.valueOf(name.getValue());
            }
            if (expression instanceof BinaryExpression index && index.getOperation().getText().equals("[")
                    && index.getLeftExpression() instanceof VariableExpression object && object.getName().equals(owner)
                    && index.getRightExpression() instanceof ConstantExpression name) {
                return String.valueOf(name.getValue());
            }
            return null;
        }

        @Override
        public void visitVariableExpression(VariableExpression expression) {
            if (!expression.isThisExpression() && !expression.isSuperExpression()) {
                names.add(expression.getName());
            }
        }

        @Override
        public void visitPropertyExpression(PropertyExpression expression) {
            if (!owned(expression)) {
                super.visitPropertyExpression(expression);
            }
        }

        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            if (!TESTS.contains(expression.getOperation().getText()) && !owned(expression)) {
                super.visitBinaryExpression(expression);
            }
        }

        @Override
        public void visitTernaryExpression(org.codehaus.groovy.ast.expr.TernaryExpression expression) {
            if (expression instanceof org.codehaus.groovy.ast.expr.ElvisOperatorExpression) {
                super.visitTernaryExpression(expression);
            } else {
                expression.getTrueExpression().visit(this);
                expression.getFalseExpression().visit(this);
            }
        }

        @Override
        public void visitBooleanExpression(org.codehaus.groovy.ast.expr.BooleanExpression expression) {
        }

        @Override
        public void visitNotExpression(org.codehaus.groovy.ast.expr.NotExpression expression) {
        }

        /**
         * A method's result carries the text of what it is called on ({@code name.trim()}, {@code name.split(':')[1]}),
         * and of its arguments only for the methods that build text from them ({@code a.replace('x', b)},
         * {@code list.join(b)}, {@code String.format('%s', b)}): {@code readFile(name)} or {@code lookup(name)} returns
         * other text.
         */
        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            if (name != null && NOT_TEXT.contains(name)) {
                return;
            }
            call.getObjectExpression().visit(this);
            if (name == null || TEXT_FROM_ARGUMENTS.contains(name)) {
                call.getArguments().visit(this);
            }
        }

        private boolean owned(Expression expression) {
            for (String owner : List.of("env", "params")) {
                String entry = entryOf(expression, owner);
                if (entry != null) {
                    names.add(owner + "." + entry);
                    return true;
                }
            }
            return false;
        }
    }
}
