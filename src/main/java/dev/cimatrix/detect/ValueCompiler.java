package dev.cimatrix.detect;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a field clause of a Sigma detection ({@code field|mod1|mod2: value(s)}) into a {@link FieldTest}, following
 * the modifier appendix of the Sigma specification. Anything it does not implement is refused by name, so a rule is
 * never run with a modifier silently ignored.
 */
final class ValueCompiler {
    private static final Set<String> TIME_PARTS = Set.of("minute", "hour", "day", "week", "month", "year");

    private ValueCompiler() {
    }

    /** The parsed modifier chain of one field clause. */
    private static final class Chain {
        String match = "equals";
        boolean all;
        boolean cased;
        boolean negated;
        String regexFlags = "";
        Charset wideEncoding;
        String base64;
    }

    /**
     * @param values the clause's values; a null element is the Sigma value {@code null}
     * @throws IllegalArgumentException naming the construct when the clause cannot be compiled
     */
    static EventTest field(String path, List<String> modifiers, List<String> values, FieldTable table) {
        Chain chain = chain(modifiers);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("field '" + path + "' has an empty list of values");
        }
        int slot = table.slot(path);
        if (chain.match.equals("exists")) {
            if (values.size() != 1 || values.get(0) == null
                    || !(values.get(0).equalsIgnoreCase("true") || values.get(0).equalsIgnoreCase("false"))) {
                throw new IllegalArgumentException("modifier 'exists' needs the single value true or false");
            }
            return new SlotPresence(path, slot, Boolean.parseBoolean(values.get(0).toLowerCase(Locale.ROOT)));
        }
        boolean matchesMissing = false;
        List<ValueMatcher> matchers = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                if (chain.negated) {
                    throw new IllegalArgumentException("modifier 'neq' cannot be combined with the value null");
                }
                matchesMissing = true;
                continue;
            }
            for (ValueMatcher m : matchers(chain, value, table)) {
                matchers.add(chain.negated ? new ValueMatcher.Negated(m) : m);
            }
        }
        return new FieldTest(path, slot, chain.all ? matchers : mergeEqualities(matchers), chain.all, matchesMissing);
    }

    /** A keyword search: values matched as substrings of any value of the event, wildcards included. */
    static EventTest keywords(List<String> modifiers, List<String> values, FieldTable table) {
        Chain chain = chain(modifiers);
        if (!chain.match.equals("equals") && !chain.match.equals("contains")) {
            throw new IllegalArgumentException("modifier '" + chain.match + "' on a keyword search");
        }
        table.requireKeywordSearch();
        List<ValueMatcher> matchers = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException("the value null in a keyword search");
            }
            boolean wildcards = chain.base64 == null;
            List<Glob.Part> parts = Glob.parse(encode(chain, value), wildcards);
            matchers.add(Glob.compile(Glob.surround(parts, true, true), chain.cased));
        }
        return new KeywordTest(matchers, chain.all);
    }

    private static Chain chain(List<String> modifiers) {
        Chain chain = new Chain();
        boolean afterRe = false;
        for (String raw : modifiers) {
            String mod = raw.trim().toLowerCase(Locale.ROOT);
            if (afterRe && (mod.equals("i") || mod.equals("m") || mod.equals("s"))) {
                chain.regexFlags += mod;
                continue;
            }
            switch (mod) {
                case "contains", "startswith", "endswith", "re", "cidr", "lt", "lte", "gt", "gte", "exists",
                     "fieldref" -> {
                    boolean refCombination = chain.match.equals("fieldref")
                            && (mod.equals("contains") || mod.equals("startswith") || mod.equals("endswith"));
                    boolean combinesWithFieldref = mod.equals("fieldref")
                            && (chain.match.equals("contains") || chain.match.equals("startswith")
                            || chain.match.equals("endswith"));
                    if (refCombination || combinesWithFieldref) {
                        chain.match = "fieldref-" + (refCombination ? mod : chain.match);
                    } else if (!chain.match.equals("equals")) {
                        throw new IllegalArgumentException("modifiers '" + chain.match + "' and '" + mod
                                + "' cannot be combined");
                    } else {
                        chain.match = mod;
                    }
                    afterRe = mod.equals("re");
                }
                case "all" -> chain.all = true;
                case "cased" -> chain.cased = true;
                case "neq" -> chain.negated = true;
                case "base64", "base64offset" -> {
                    if (chain.base64 != null) {
                        throw new IllegalArgumentException("modifier '" + mod + "' given twice");
                    }
                    chain.base64 = mod;
                }
                case "utf16le", "wide" -> chain.wideEncoding = StandardCharsets.UTF_16LE;
                case "utf16be" -> chain.wideEncoding = StandardCharsets.UTF_16BE;
                case "utf16" -> chain.wideEncoding = StandardCharsets.UTF_16;
                case "windash" -> throw new IllegalArgumentException(
                        "modifier 'windash' (Windows command-line dashes) is not supported for JSON logs");
                case "expand" -> throw new IllegalArgumentException(
                        "modifier 'expand' (placeholders) is not supported: replace the placeholder with values");
                default -> {
                    if (TIME_PARTS.contains(mod)) {
                        throw new IllegalArgumentException("time modifier '" + mod + "' is not supported");
                    }
                    throw new IllegalArgumentException("unknown modifier '" + raw + "'");
                }
            }
        }
        if (chain.wideEncoding != null && chain.base64 == null) {
            throw new IllegalArgumentException("modifier 'utf16*'/'wide' without base64 or base64offset does not "
                    + "apply to JSON text");
        }
        boolean transformed = chain.base64 != null;
        boolean stringMatch = chain.match.equals("equals") || chain.match.equals("contains")
                || chain.match.equals("startswith") || chain.match.equals("endswith");
        if (transformed && !stringMatch) {
            throw new IllegalArgumentException("modifier '" + chain.base64 + "' cannot be combined with '"
                    + chain.match + "'");
        }
        if (chain.all && chain.match.equals("exists")) {
            throw new IllegalArgumentException("modifiers 'all' and 'exists' cannot be combined");
        }
        return chain;
    }

    private static List<ValueMatcher> matchers(Chain chain, String value, FieldTable table) {
        switch (chain.match) {
            case "re" -> {
                int flags = 0;
                for (char f : chain.regexFlags.toCharArray()) {
                    flags |= switch (f) {
                        case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                        case 'm' -> Pattern.MULTILINE;
                        default -> Pattern.DOTALL;
                    };
                }
                try {
                    return List.of(ValueMatcher.Search.of(Pattern.compile(value, flags)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("invalid regular expression '" + value + "': "
                            + e.getDescription());
                }
            }
            case "cidr" -> {
                return List.of(ValueMatcher.Cidr.parse(value));
            }
            case "lt", "lte", "gt", "gte" -> {
                double bound;
                try {
                    bound = Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("modifier '" + chain.match + "' needs a number, not '"
                            + value + "'");
                }
                return List.of(new ValueMatcher.Numeric(
                        ValueMatcher.Comparison.valueOf(chain.match.toUpperCase(Locale.ROOT)), bound));
            }
            case "fieldref", "fieldref-contains", "fieldref-startswith", "fieldref-endswith" -> {
                ValueMatcher.RefMode mode = chain.match.equals("fieldref") ? ValueMatcher.RefMode.EQUALS
                        : ValueMatcher.RefMode.valueOf(chain.match.substring("fieldref-".length())
                        .toUpperCase(Locale.ROOT));
                return List.of(new ValueMatcher.FieldRef(table.slot(value), mode, chain.cased));
            }
            default -> {
                boolean wildcards = chain.base64 == null;
                boolean prefixStar = chain.match.equals("contains") || chain.match.equals("endswith");
                boolean suffixStar = chain.match.equals("contains") || chain.match.equals("startswith");
                List<ValueMatcher> out = new ArrayList<>();
                for (String encoded : encodings(chain, value)) {
                    List<Glob.Part> parts = Glob.surround(Glob.parse(encoded, wildcards), prefixStar, suffixStar);
                    out.add(Glob.compile(parts, chain.cased || chain.base64 != null));
                }
                return out;
            }
        }
    }

    private static String encode(Chain chain, String value) {
        List<String> all = encodings(chain, value);
        if (all.size() != 1) {
            throw new IllegalArgumentException("modifier 'base64offset' in a keyword search");
        }
        return all.get(0);
    }

    /** The value after the transformation modifiers: itself, its base64, or the three base64 offset variants. */
    private static List<String> encodings(Chain chain, String value) {
        if (chain.base64 == null) {
            return List.of(value);
        }
        byte[] bytes = value.getBytes(chain.wideEncoding != null ? chain.wideEncoding : StandardCharsets.UTF_8);
        if (chain.base64.equals("base64")) {
            return List.of(Base64.getEncoder().encodeToString(bytes));
        }
        // The value can start at any of three byte offsets inside a longer encoded text; each offset gives a
        // stable middle part of the encoding once the characters that depend on neighbouring bytes are cut.
        int[] startCut = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[i + bytes.length];
            java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
            System.arraycopy(bytes, 0, shifted, i, bytes.length);
            String b64 = Base64.getEncoder().encodeToString(shifted);
            int cut = endCut[(bytes.length + i) % 3];
            variants.add(b64.substring(startCut[i], b64.length() - cut));
        }
        return variants;
    }

    /** Many case-insensitive equalities become one set lookup; the order of other matchers is kept. */
    private static List<ValueMatcher> mergeEqualities(List<ValueMatcher> matchers) {
        Set<String> equalities = new LinkedHashSet<>();
        List<ValueMatcher> rest = new ArrayList<>();
        for (ValueMatcher m : matchers) {
            if (m instanceof ValueMatcher.Equals eq && !eq.cased()) {
                equalities.add(eq.expected());
            } else {
                rest.add(m);
            }
        }
        if (equalities.size() < 2) {
            return matchers;
        }
        List<ValueMatcher> merged = new ArrayList<>();
        merged.add(new ValueMatcher.EqualsAny(Set.copyOf(equalities)));
        merged.addAll(rest);
        return merged;
    }
}
