package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A scalar: its text as written after YAML unescaping and folding, its style, and its tag under the YAML 1.2
 * core schema (so {@code on}, {@code yes} and {@code 0755} as keys or values stay what they look like, and
 * only {@code true}/{@code false}, numbers, {@code null} and {@code ~} resolve to other types).
 */
public final class YamlScalar extends LocatedNode implements YamlNode, Scalar.Locator {

    /** How the scalar is written in the source. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();

    /** The explicit tag, or null for an untagged plain scalar whose tag follows from its text. */
    private final String explicitTag;
    private final String text;
    private final Style style;
    private final SourceText source;
    /**
     * The source char offset of each text char, walked once on the first {@link #locate} and kept: a scalar with
     * many expressions asks for each, and a walk from the start each time would be quadratic in its length.
     */
    private int[] sourceIndex;
    /** How many text chars {@link #sourceIndex} maps: all of them, or those before the text and source diverge. */
    private int mapped = -1;

    YamlScalar(Location location, Location aliasSite, String explicitTag, String text, Style style, SourceText source) {
        super(location, aliasSite);
        this.explicitTag = explicitTag;
        this.text = text;
        this.style = style;
        this.source = source;
    }

    YamlScalar relocated(Location newLocation, Location newAliasSite) {
        return new YamlScalar(newLocation, newAliasSite, explicitTag, text, style, source);
    }

    /** The value as written, after unescaping, folding and chomping. */
    public String text() {
        return text;
    }

    public Style style() {
        return style;
    }

    boolean isPlainUntagged() {
        return explicitTag == null;
    }

    @Override
    public String tag() {
        if (explicitTag != null) {
            return explicitTag;
        }
        if (!mayBeOtherThanString(text)) {
            return YamlTags.STR;
        }
        Tag resolved = CORE.resolve(text, Boolean.TRUE);
        // Merge keys are applied (or not) by the dialect; as a scalar, "<<" is a string.
        return resolved.equals(Tag.MERGE) ? YamlTags.STR : resolved.getValue();
    }

    /**
     * Whether the core schema could read plain text as something other than a string: null, bool, int and
     * float all begin with one of these characters (or are empty). Checking first keeps the resolver's
     * regular expressions off the common case of words, paths and commands.
     */
    private static boolean mayBeOtherThanString(String text) {
        if (text.isEmpty()) {
            return true;
        }
        char first = text.charAt(0);
        return (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.' || first == '~'
                || first == 'n' || first == 'N' || first == 't' || first == 'T' || first == 'f' || first == 'F';
    }

    public boolean isNull() {
        return YamlTags.NULL.equals(tag());
    }

    public boolean isString() {
        return YamlTags.STR.equals(tag());
    }

    /** {@code true}/{@code True}/{@code TRUE} and the same for false, when the tag is bool. */
    public Optional<Boolean> asBoolean() {
        if (!YamlTags.BOOL.equals(tag())) {
            return Optional.empty();
        }
        if (text.equals("true") || text.equals("True") || text.equals("TRUE")) {
            return Optional.of(Boolean.TRUE);
        }
        if (text.equals("false") || text.equals("False") || text.equals("FALSE")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    /**
     * The number, when the tag is int ({@link Long}, or {@link BigInteger} beyond long) or float
     * ({@link Double}, including infinities and NaN). Core-schema ints are decimal, {@code 0o} octal or
     * {@code 0x} hex, so {@code 0755} is seven hundred fifty-five.
     */
    public Optional<Number> asNumber() {
        String tag = tag();
        try {
            if (YamlTags.INT.equals(tag)) {
                return Optional.of(parseInt(text));
            }
            if (YamlTags.FLOAT.equals(tag)) {
                return Optional.of(parseFloat(text));
            }
        } catch (NumberFormatException notANumber) {
            // an explicit !!int or !!float on text that is not one
        }
        return Optional.empty();
    }

    private static Number parseInt(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        int radix = 10;
        if (digits.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        } else if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        }
        BigInteger value = new BigInteger(digits, radix);
        if (negative) {
            value = value.negate();
        }
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private static Double parseFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return switch (lower) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.valueOf(text);
        };
    }

    /**
     * The source span of {@code text().substring(offsetInText, offsetInText + length)}, with this scalar's
     * route. Exact for every style, including folded lines, block indentation, CR LF, quote doubling and
     * backslash escapes; should the source ever not match the text, the scalar's start is returned.
     */
    @Override
    public Location locate(int offsetInText, int length) {
        if (offsetInText < 0 || length < 1 || offsetInText + length > text.length()) {
            throw new IllegalArgumentException("no text at " + offsetInText + "+" + length + " in a scalar of " + text.length() + " chars");
        }
        int last = offsetInText + length - 1;
        if (mapped < 0) {
            mapSourceIndexes();
        }
        if (last >= mapped) {
            return new Location(location().path(), location().startLine(), location().startColumn(),
                    location().startLine(), location().startColumn(), location().route());
        }
        int startChar = source.codePointStart(sourceIndex[offsetInText]);
        int endChar = source.codePointStart(sourceIndex[last]);
        int startLine = source.lineOf(startChar);
        int endLine = source.lineOf(endChar);
        return new Location(location().path(), startLine + 1, source.columnOf(startLine, startChar) + 1,
                endLine + 1, source.columnOf(endLine, endChar) + 1, location().route());
    }

    /**
     * Walks text and source side by side and sets the source char offset of each text char, up to where they
     * diverge. Non-blank text chars must meet the same char (or its escape) in the source; blanks in the
     * source that folding, indentation or chomping removed are skipped, and a text blank is paired with
     * whichever source blank stands there.
     */
    private void mapSourceIndexes() {
        int count = text.length();
        int[] result = new int[count];
        sourceIndex = result;
        mapped = 0;
        int p = contentStart();
        int end = source.length();
        boolean singleQuoted = style == Style.SINGLE_QUOTED;
        boolean doubleQuoted = style == Style.DOUBLE_QUOTED;
        for (int t = 0; t < count; t++, mapped = t) {
            char c = text.charAt(t);
            while (true) {
                if (p >= end) {
                    return;
                }
                char s = source.charAt(p);
                if (singleQuoted && s == '\'') {
                    if (c == '\'' && p + 1 < end && source.charAt(p + 1) == '\'') {
                        result[t] = p;
                        p += 2;
                        break;
                    }
                    return;
                }
                if (doubleQuoted && s == '"') {
                    return;
                }
                if (doubleQuoted && s == '\\' && p + 1 < end) {
                    char escape = source.charAt(p + 1);
                    if (escape == '\n' || escape == '\r') {
                        p += escape == '\r' && p + 2 < end && source.charAt(p + 2) == '\n' ? 3 : 2;
                        continue;
                    }
                    result[t] = p;
                    if (Character.isHighSurrogate(c) && t + 1 < count) {
                        result[++t] = p;
                    }
                    p += switch (escape) {
                        case 'x' -> 4;
                        case 'u' -> 6;
                        case 'U' -> 10;
                        default -> 2;
                    };
                    break;
                }
                if (s == c) {
                    result[t] = p++;
                    break;
                }
                if (SourceText.isBlank(s)) {
                    if (SourceText.isBlank(c)) {
                        result[t] = p;
                        p += s == '\r' && p + 1 < end && source.charAt(p + 1) == '\n' ? 2 : 1;
                        break;
                    }
                    p++;
                    continue;
                }
                return;
            }
        }
    }

    /** Where the text begins: after an anchor or tag, after an opening quote, or on the line after a block header. */
    private int contentStart() {
        int p = source.charIndex(location().startLine() - 1, location().startColumn() - 1);
        int end = source.length();
        while (p < end && (source.charAt(p) == '&' || source.charAt(p) == '!')) {
            while (p < end && !SourceText.isBlank(source.charAt(p))) {
                p++;
            }
            while (p < end && SourceText.isBlank(source.charAt(p))) {
                p++;
            }
        }
        switch (style) {
            case SINGLE_QUOTED, DOUBLE_QUOTED -> p++;
            case LITERAL, FOLDED -> {
                while (p < end && source.charAt(p) != '\n' && source.charAt(p) != '\r') {
                    p++;
                }
                p += p + 1 < end && source.charAt(p) == '\r' && source.charAt(p + 1) == '\n' ? 2 : 1;
            }
            case PLAIN -> {
                // the text starts where the node does
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return text;
    }
}
