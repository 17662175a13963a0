package dev.cimatrix.discover.github;

import dev.cimatrix.discover.github.expr.ConditionReader;
import dev.cimatrix.discover.github.expr.ExpressionSyntaxException;
import dev.cimatrix.discover.github.expr.TemplateScanner;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.ExpressionUse;
import dev.cimatrix.model.IfCondition;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.expr.Condition;
import dev.cimatrix.model.expr.Embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns YAML values of a GitHub Actions file into model values, parsing every {@code ${{ }}} on the way.
 * An expression that does not parse is a problem of the file, reported with its position; the rest of
 * the file is still read.
 */
final class Values {
    private final String text;
    private final List<ReadProblem> problems;
    /** The positions of the text's newlines, found when a value first needs them. */
    private int[] newlines;

    /**
     * @param text     the whole file, for values that are not scalars
     * @param problems where problems are reported
     */
    Values(String text, List<ReadProblem> problems) {
        this.text = text;
        this.problems = problems;
    }

    List<ReadProblem> problems() {
        return problems;
    }

    /** Any node as a scalar: its text for a scalar, its source text otherwise. */
    Scalar scalar(YamlNode node) {
        if (node instanceof YamlScalar s) {
            String value = s.isNull() ? "" : s.text();
            // The scalar itself places spans of its text (no method reference made for each of the many scalars).
            return new Scalar(value, s.location(), expressions(s), s.isNull() ? null : s);
        }
        return Scalar.of(sourceOf(node.location()), node.location());
    }

    Optional<Scalar> scalar(YamlMapping map, String key) {
        Optional<YamlNode> node = map.get(key);
        return node.isPresent() ? Optional.of(scalar(node.get())) : Optional.empty();
    }

    /** The text of a scalar value, or null when absent or not a scalar. */
    static String text(YamlMapping map, String key) {
        return map.getText(key).orElse(null);
    }

    /** A scalar or a sequence of scalars as a list of strings. */
    static List<String> strings(YamlNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlScalar s) {
            if (!s.isNull()) {
                out.add(s.text());
            }
        } else if (node instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlScalar s && !s.isNull()) {
                    out.add(s.text());
                }
            }
        }
        return out;
    }

    List<Scalar> scalars(YamlNode node) {
        List<Scalar> out = new ArrayList<>();
        if (node instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                out.add(scalar(item));
            }
        } else if (node != null) {
            out.add(scalar(node));
        }
        return out;
    }

    /** The entries of a mapping such as {@code env} or {@code with}; a non-mapping value is a problem. */
    List<KeyValue> entries(YamlMapping map, String key) {
        Optional<YamlNode> node = map.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlMapping m)) {
            if (node.get() instanceof YamlScalar s && (s.isNull() || s.text().contains("${{"))) {
                // `env: ${{ fromJSON(...) }}` is legal; its content is not known statically.
                return List.of();
            }
            problem(node.get().location(), "'" + key + "' should be a mapping");
            return List.of();
        }
        List<KeyValue> out = new ArrayList<>();
        for (YamlEntry e : m.entries()) {
            out.add(new KeyValue(e.key().text(), e.key().location(), scalar(e.value())));
        }
        return out;
    }

    IfCondition condition(YamlMapping map) {
        Optional<YamlNode> node = map.get("if");
        if (node.isEmpty()) {
            return null;
        }
        YamlNode value = node.get();
        if (!(value instanceof YamlScalar s)) {
            problem(value.location(), "'if' should be a string or a boolean");
            return null;
        }
        String raw = s.text();
        List<ExpressionUse> uses = new ArrayList<>();
        Condition parsed = null;
        try {
            parsed = ConditionReader.read(raw);
            if (parsed.form() == Condition.Form.BARE_EXPRESSION) {
                uses.add(new ExpressionUse(parsed.expr(), raw, s.location(), 0));
            } else {
                for (Embedded e : parsed.embedded()) {
                    uses.add(new ExpressionUse(e.expr(), e.source(), s.locate(e.offset(), e.length()), e.offset()));
                }
            }
        } catch (ExpressionSyntaxException e) {
            problem(s.location(), "invalid expression in 'if': " + e.reason());
        }
        return new IfCondition(new Scalar(raw, s.location(), uses), parsed);
    }

    private List<ExpressionUse> expressions(YamlScalar s) {
        String value = s.text();
        if (value.indexOf("${{") < 0) {
            return List.of();
        }
        try {
            List<ExpressionUse> uses = new ArrayList<>();
            for (Embedded e : TemplateScanner.scan(value)) {
                uses.add(new ExpressionUse(e.expr(), e.source(), s.locate(e.offset(), e.length()), e.offset()));
            }
            return uses;
        } catch (ExpressionSyntaxException e) {
            problem(s.location(), "invalid expression: " + e.reason());
            return List.of();
        }
    }

    void problem(Location where, String message) {
        problems.add(new ReadProblem(where, message, false));
    }

    /** The longest comment after a value that is read; a version note is a few words. */
    private static final int MAX_COMMENT = 200;

    /**
     * The text of a comment after a value on the value's last line, without the {@code #}
     * ({@code uses: a/b@11bd… # v4.2.2} gives {@code v4.2.2}); empty when nothing but blanks follows.
     */
    String commentAfter(Location location) {
        int from = offset(location.endLine(), location.endColumn()) + 1;
        if (from <= 0 || from > text.length()) {
            return "";
        }
        int end = text.indexOf('\n', from);
        String rest = text.substring(from, Math.min(end < 0 ? text.length() : end, from + MAX_COMMENT)).strip();
        return rest.startsWith("#") ? rest.substring(1).strip() : "";
    }

    /** The source text covered by a location, for values kept as written. */
    private String sourceOf(Location location) {
        int start = offset(location.startLine(), location.startColumn());
        int end = offset(location.endLine(), location.endColumn()) + 1;
        if (start < 0 || end > text.length() || end <= start) {
            return "";
        }
        return text.substring(start, end);
    }

    /** The index in the text of a line and column; -1 past the last line. */
    private int offset(int line, int column) {
        if (line <= 1) {
            return column - 1;
        }
        if (newlines == null) {
            newlines = newlines(text);
        }
        // Line n starts after the (n-1)th newline.
        if (line - 1 > newlines.length) {
            return -1;
        }
        return newlines[line - 2] + 1 + column - 1;
    }

    /** Where each '\n' of the text is, found once per file rather than again for every value. */
    private static int[] newlines(String text) {
        int[] at = new int[16];
        int count = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == at.length) {
                at = java.util.Arrays.copyOf(at, count * 2);
            }
            at[count++] = i;
        }
        return java.util.Arrays.copyOf(at, count);
    }
}
