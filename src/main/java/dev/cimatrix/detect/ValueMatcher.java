package dev.cimatrix.detect;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.util.Set;
import java.util.regex.Pattern;

/** A test on one scalar value of a field, compiled from a Sigma value and its modifiers. */
interface ValueMatcher {
    /**
     * @param value   the value as text
     * @param lowered the same lower-cased (computed once per event and shared by every case-insensitive matcher)
     */
    boolean matches(String value, String lowered, EventRecord event);

    /** Whether an object or array at the path satisfies this matcher (only a bare {@code *} does). */
    default boolean matchesContainer() {
        return false;
    }

    record Equals(String expected, boolean cased) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return cased ? value.equals(expected) : lowered.equals(expected);
        }
    }

    /** Case-insensitive equality with any of many values: one hash lookup for a long list of actions. */
    record EqualsAny(Set<String> expected) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return expected.contains(lowered);
        }
    }

    record StartsWith(String prefix, boolean cased) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return (cased ? value : lowered).startsWith(prefix);
        }
    }

    record EndsWith(String suffix, boolean cased) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return (cased ? value : lowered).endsWith(suffix);
        }
    }

    record Contains(String part, boolean cased) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return (cased ? value : lowered).contains(part);
        }
    }

    /** A bare {@code *}: any value at all, including an object (SigmaHQ rules use it for "field present"). */
    record AnyValue() implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return true;
        }

        @Override
        public boolean matchesContainer() {
            return true;
        }
    }

    /**
     * A value as a regular expression reads it, one character at a time, stopped once it has read as many as the
     * budget allows: Java's regular expressions backtrack, and some expressions ({@code \$\([^)]*\)} over a
     * megabyte of {@code $(}) would otherwise take hours over a value an attacker wrote into a log.
     */
    final class BudgetedText implements CharSequence {
        /** Thrown, without a stack trace, when the budget is spent. */
        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;
            static final Exhausted INSTANCE = new Exhausted();

            private Exhausted() {
                super("the match took more steps than its budget", null, false, false);
            }
        }

        private final String text;
        private long left;

        BudgetedText(String text, long budget) {
            this.text = text;
            this.left = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw Exhausted.INSTANCE;
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A wildcard pattern that is not a plain prefix, suffix or substring, matched against the whole value (see
     * {@link Glob#wildcards}): runs of code points ({@link Glob#ANY_ONE} for a {@code ?}) with stars between them.
     *
     * @param atStart whether the first run must be at the value's start (no star before it)
     * @param atEnd   whether the last run must be at the value's end (no star after it)
     */
    record Wildcards(int[][] runs, boolean atStart, boolean atEnd, boolean cased) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            int[] text = (cased ? value : lowered).codePoints().toArray();
            int from = 0;
            for (int r = 0; r < runs.length; r++) {
                int[] run = runs[r];
                int at;
                if (r == 0 && atStart) {
                    at = fits(text, 0, run) ? 0 : -1;
                } else if (r == runs.length - 1 && atEnd) {
                    int last = text.length - run.length;
                    at = last >= from && fits(text, last, run) ? last : -1;
                } else {
                    at = first(text, from, run);
                }
                if (at < 0) {
                    return false;
                }
                from = at + run.length;
            }
            // A pattern of one run with no star at either end must also cover the whole value.
            return !atEnd || from == text.length;
        }

        private static int first(int[] text, int from, int[] run) {
            for (int at = from; at + run.length <= text.length; at++) {
                if (fits(text, at, run)) {
                    return at;
                }
            }
            return -1;
        }

        private static boolean fits(int[] text, int at, int[] run) {
            if (at + run.length > text.length) {
                return false;
            }
            for (int i = 0; i < run.length; i++) {
                if (run[i] != Glob.ANY_ONE && run[i] != text[at + i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The {@code re} modifier: a search anywhere in the value, as Sigma backends do.
     *
     * @param anchored every alternative starts with {@code ^} (without multi-line mode), so only a match at the start
     *                 can exist and trying the other start positions is wasted work
     */
    record Search(Pattern pattern, boolean anchored) implements ValueMatcher {
        static Search of(Pattern pattern) {
            return new Search(pattern, (pattern.flags() & Pattern.MULTILINE) == 0
                    && anchoredAtStart(pattern.pattern()));
        }

        /**
         * Steps a match may take for each character of the value, and at least: far more than any expression that
         * runs in time linear in its input needs, far less than one that backtracks over a crafted value.
         */
        static final long STEPS_PER_CHARACTER = 200;
        static final long LEAST_STEPS = 10_000_000;

        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            BudgetedText text = new BudgetedText(value, LEAST_STEPS + STEPS_PER_CHARACTER * value.length());
            try {
                return anchored ? pattern.matcher(text).lookingAt() : pattern.matcher(text).find();
            } catch (BudgetedText.Exhausted e) {
                if (event != null) {
                    event.gaveUp(pattern.pattern());
                }
                return false;
            }
        }

        /** Whether every top-level alternative of a regex begins with {@code ^} or {@code \A}. */
        static boolean anchoredAtStart(String regex) {
            int depth = 0;
            boolean inClass = false;
            boolean alternativeStart = true;
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (alternativeStart) {
                    if (!(c == '^' || regex.startsWith("\\A", i))) {
                        return false;
                    }
                    alternativeStart = false;
                }
                if (c == '\\') {
                    i++;
                } else if (inClass) {
                    inClass = c != ']';
                } else if (c == '[') {
                    inClass = true;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    alternativeStart = true;
                }
            }
            return !alternativeStart;
        }
    }

    enum Comparison { LT, LTE, GT, GTE }

    record Numeric(Comparison comparison, double bound) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            double n;
            try {
                n = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return switch (comparison) {
                case LT -> n < bound;
                case LTE -> n <= bound;
                case GT -> n > bound;
                case GTE -> n >= bound;
            };
        }
    }

    enum RefMode { EQUALS, CONTAINS, STARTSWITH, ENDSWITH }

    /** The {@code fieldref} modifier: compares with another field of the same event. */
    record FieldRef(int otherSlot, RefMode mode, boolean cased) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            for (String other : event.texts(otherSlot)) {
                String a = cased ? value : lowered;
                String b = cased ? other : other.toLowerCase(java.util.Locale.ROOT);
                boolean hit = switch (mode) {
                    case EQUALS -> a.equals(b);
                    case CONTAINS -> a.contains(b);
                    case STARTSWITH -> a.startsWith(b);
                    case ENDSWITH -> a.endsWith(b);
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The {@code neq} modifier. */
    record Negated(ValueMatcher inner) implements ValueMatcher {
        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            return !inner.matches(value, lowered, event);
        }
    }

    /**
     * The {@code cidr} modifier, IPv4 or IPv6: the value, an address, lies in the network. A value that is not an IP
     * address never matches, and an address of the other version never lies in the network (as in Python's
     * {@code ipaddress}, which pySigma uses). Parsing only: a host name is never looked up.
     */
    record Cidr(IPAddress network) implements ValueMatcher {
        /**
         * Addresses written out in full, as logs write them: no empty string (which the library would read as
         * the loopback address), wildcards, ranges, single numbers, inet_aton forms or masks.
         */
        private static final IPAddressStringParameters LITERAL = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefix(false)
                .allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE).allow_inet_aton(false)
                .toParams();
        /** The same with a prefix length, for the networks of rules. */
        private static final IPAddressStringParameters NETWORK = LITERAL.toBuilder().allowPrefix(true).toParams();

        static Cidr parse(String text) {
            IPAddress address = new IPAddressString(text.trim(), NETWORK).getAddress();
            if (address == null) {
                throw new IllegalArgumentException("not an IP network: " + text);
            }
            return new Cidr(address.toPrefixBlock());
        }

        @Override
        public boolean matches(String value, String lowered, EventRecord event) {
            IPAddress address = new IPAddressString(value.trim(), LITERAL).getAddress();
            return address != null && network.contains(address);
        }
    }
}
