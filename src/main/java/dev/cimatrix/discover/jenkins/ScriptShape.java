package dev.cimatrix.discover.jenkins;

import groovyjarjarantlr.Token;
import groovyjarjarantlr.TokenStreamException;
import org.codehaus.groovy.antlr.parser.GroovyLexer;
import org.codehaus.groovy.antlr.parser.GroovyTokenTypes;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;

/**
 * The shapes of script on which Groovy's parser, whose cost cannot be bounded from outside once it runs, would take
 * minutes: it is refused before parsing, from its tokens alone (Groovy's own lexer, which takes time in proportion to
 * the text).
 *
 * <ul>
 *     <li>Nesting deeper than {@link #MAX_DEPTH} brackets, braces and parentheses: the parser's time grows with the
 *     square of the depth.</li>
 *     <li>More than {@link #MAX_CAST_GROUPS} groups that read as casts ({@code (String) x}, {@code (a)(b)}) in a row
 *     in one expression, one applying to the next ({@code (A) (B) x}, {@code (A) ((B) x)}, {@code (A) -(B) x}, and
 *     through the closures a cast applies to): the parser tries each as a cast and as a value, in time that doubles
 *     with each one. Written code has one or two.</li>
 * </ul>
 */
final class ScriptShape {
    static final int MAX_DEPTH = 500;
    static final int MAX_CAST_GROUPS = 16;
    private static final Set<Integer> BUILT_IN_TYPES = Set.of(GroovyTokenTypes.LITERAL_void,
            GroovyTokenTypes.LITERAL_boolean, GroovyTokenTypes.LITERAL_byte, GroovyTokenTypes.LITERAL_char,
            GroovyTokenTypes.LITERAL_short, GroovyTokenTypes.LITERAL_int, GroovyTokenTypes.LITERAL_float,
            GroovyTokenTypes.LITERAL_long, GroovyTokenTypes.LITERAL_double, GroovyTokenTypes.LITERAL_def);
    /** Tokens that can start the value a cast applies to; after any other, a parenthesised name is only a value. */
    private static final Set<Integer> OPERAND_STARTS = Set.of(GroovyTokenTypes.LPAREN, GroovyTokenTypes.IDENT,
            GroovyTokenTypes.LBRACK, GroovyTokenTypes.LCURLY, GroovyTokenTypes.STRING_LITERAL,
            GroovyTokenTypes.STRING_CTOR_START, GroovyTokenTypes.NUM_INT, GroovyTokenTypes.NUM_FLOAT,
            GroovyTokenTypes.NUM_LONG, GroovyTokenTypes.NUM_DOUBLE, GroovyTokenTypes.NUM_BIG_INT,
            GroovyTokenTypes.NUM_BIG_DECIMAL, GroovyTokenTypes.LITERAL_new, GroovyTokenTypes.LITERAL_this,
            GroovyTokenTypes.LITERAL_super, GroovyTokenTypes.LITERAL_true, GroovyTokenTypes.LITERAL_false,
            GroovyTokenTypes.LITERAL_null, GroovyTokenTypes.LNOT, GroovyTokenTypes.BNOT,
            GroovyTokenTypes.REGEXP_LITERAL, GroovyTokenTypes.DOLLAR_REGEXP_LITERAL);
    /** Signs and negations, which a cast's value may start with and which leave a chain of casts going. */
    private static final Set<Integer> UNARY_PREFIXES = Set.of(GroovyTokenTypes.PLUS, GroovyTokenTypes.MINUS,
            GroovyTokenTypes.INC, GroovyTokenTypes.DEC, GroovyTokenTypes.LNOT, GroovyTokenTypes.BNOT);
    /** Keywords whose parentheses hold a condition or a header, never a cast. */
    private static final Set<Integer> HEADER_KEYWORDS = Set.of(GroovyTokenTypes.LITERAL_if,
            GroovyTokenTypes.LITERAL_while, GroovyTokenTypes.LITERAL_for, GroovyTokenTypes.LITERAL_switch,
            GroovyTokenTypes.LITERAL_catch, GroovyTokenTypes.LITERAL_synchronized);

    private ScriptShape() {
    }

    /** Why the script is refused, with the line where its shape crosses a limit; empty when it may be parsed. */
    static Optional<Refusal> refusal(String text) {
        int[] types = new int[1024];
        int[] lines = new int[1024];
        int count = 0;
        GroovyLexer lexer = new GroovyLexer(new StringReader(text));
        lexer.setWhitespaceIncluded(false);
        try {
            for (Token token = lexer.nextToken(); token.getType() != Token.EOF_TYPE; token = lexer.nextToken()) {
                if (count == types.length) {
                    types = Arrays.copyOf(types, count * 2);
                    lines = Arrays.copyOf(lines, count * 2);
                }
                types[count] = token.getType();
                lines[count++] = token.getLine();
            }
        } catch (TokenStreamException | RuntimeException e) {
            // What the lexer cannot read, the parser reports with its place; up to there the shape was measured.
        }
        return measure(types, lines, count);
    }

    /** A script's shape over a limit: where, and what. */
    record Refusal(int line, String reason) {
    }

    /**
     * The length of the chain of cast-like groups being read ({@code (A) (B) (C) x}, {@code (A) ((B) x)},
     * {@code (A) { (B) { … } }}), and that of the chain around the closure it stands in, which it continues.
     */
    private static final class Frame {
        final int inherited;
        int chain;
        int parentheses;

        Frame(int inherited) {
            this.inherited = inherited;
            this.chain = inherited;
        }
    }

    private static Optional<Refusal> measure(int[] types, int[] lines, int count) {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(0));
        int depth = 0;
        int previous = GroovyTokenTypes.NLS;
        for (int i = 0; i < count; i++) {
            int type = types[i];
            Frame frame = frames.peek();
            int close = type == GroovyTokenTypes.LPAREN && previous != GroovyTokenTypes.IDENT
                    && !HEADER_KEYWORDS.contains(previous) ? castLike(types, i, count) : -1;
            if (close > 0) {
                if (++frame.chain > MAX_CAST_GROUPS) {
                    return Optional.of(new Refusal(lines[i], "more than " + MAX_CAST_GROUPS + " casts in a row in "
                            + "one expression, on which Groovy's parser takes time that doubles with each, so it was "
                            + "not read"));
                }
                i = close;
                previous = GroovyTokenTypes.RPAREN;
                continue;
            }
            switch (type) {
                case GroovyTokenTypes.LPAREN, GroovyTokenTypes.LBRACK -> {
                    frame.parentheses++;
                    depth++;
                }
                case GroovyTokenTypes.RPAREN, GroovyTokenTypes.RBRACK -> {
                    frame.parentheses = Math.max(0, frame.parentheses - 1);
                    depth = Math.max(0, depth - 1);
                }
                case GroovyTokenTypes.LCURLY -> {
                    frames.push(new Frame(frame.chain));
                    depth++;
                }
                case GroovyTokenTypes.RCURLY -> {
                    if (frames.size() > 1) {
                        frames.pop();
                    }
                    depth = Math.max(0, depth - 1);
                }
                case GroovyTokenTypes.NLS, GroovyTokenTypes.SEMI -> {
                    if (frame.parentheses == 0) {
                        frame.chain = frame.inherited;
                    }
                }
                default -> {
                    // A value or an operator ends the chain; a sign or a negation leaves it to the value it takes.
                    if (!UNARY_PREFIXES.contains(type)) {
                        frame.chain = frame.inherited;
                    }
                }
            }
            if (depth > MAX_DEPTH) {
                return Optional.of(new Refusal(lines[i], "nested more than " + MAX_DEPTH + " deep, which Groovy's "
                        + "parser takes too long on, so it was not read"));
            }
            previous = type;
        }
        return Optional.empty();
    }

    /**
     * Where the parenthesis at {@code open} closes when it holds only a type or a name and is followed by a value, as
     * a cast is ({@code (String) x}, {@code (java.util.List<String>[]) x}, {@code (int) -1}, {@code (a)(b)}); else -1.
     */
    private static int castLike(int[] types, int open, int count) {
        int i = open + 1;
        if (i >= count || types[i] != GroovyTokenTypes.IDENT && !BUILT_IN_TYPES.contains(types[i])) {
            return -1;
        }
        i++;
        int angles = 0;
        while (i < count) {
            int type = types[i];
            if (type == GroovyTokenTypes.RPAREN) {
                // A cast to a class takes a value that does not start with a sign; one to a primitive type may.
                int next = i + 1 < count ? types[i + 1] : GroovyTokenTypes.EOF;
                boolean primitive = i == open + 2 && BUILT_IN_TYPES.contains(types[open + 1]);
                boolean operand = OPERAND_STARTS.contains(next) || BUILT_IN_TYPES.contains(next)
                        || next == GroovyTokenTypes.LNOT || next == GroovyTokenTypes.BNOT
                        || primitive && UNARY_PREFIXES.contains(next);
                return angles == 0 && operand ? i : -1;
            }
            if (type == GroovyTokenTypes.LT) {
                angles++;
            } else if (type == GroovyTokenTypes.GT || type == GroovyTokenTypes.SR || type == GroovyTokenTypes.BSR) {
                angles -= type == GroovyTokenTypes.GT ? 1 : type == GroovyTokenTypes.SR ? 2 : 3;
                if (angles < 0) {
                    return -1;
                }
            } else if (type != GroovyTokenTypes.DOT && type != GroovyTokenTypes.IDENT && type != GroovyTokenTypes.COMMA
                    && type != GroovyTokenTypes.QUESTION && type != GroovyTokenTypes.LBRACK
                    && type != GroovyTokenTypes.RBRACK && !BUILT_IN_TYPES.contains(type)) {
                return -1;
            }
            i++;
        }
        return -1;
    }
}
