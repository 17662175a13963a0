package dev.cimatrix.discover.github.expr;

import dev.cimatrix.discover.github.expr.Tokenizer.Kind;
import dev.cimatrix.model.expr.Binary;
import dev.cimatrix.model.expr.Binary.Op;
import dev.cimatrix.model.expr.Call;
import dev.cimatrix.model.expr.ContextName;
import dev.cimatrix.model.expr.Expr;
import dev.cimatrix.model.expr.Index;
import dev.cimatrix.model.expr.Literal;
import dev.cimatrix.model.expr.Not;
import dev.cimatrix.model.expr.Property;
import dev.cimatrix.model.expr.Star;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for GitHub Actions expressions, with GitHub's precedence from tightest to
 * loosest: grouping {@code ()}, access {@code [] .}, {@code !}, {@code < <= > >=}, {@code == !=},
 * {@code &&}, {@code ||}. Binary operators associate to the left. Built-in functions are checked for their
 * number of arguments, as GitHub does when it loads a workflow.
 *
 * <p>Hostile input cannot exhaust the stack: nesting and tree height are both limited to
 * {@value #MAX_DEPTH}, and the input to {@value #MAX_LENGTH} characters (GitHub's own limit), so code that
 * walks a tree recursively is safe.
 */
public final class ExpressionParser {
    public static final int MAX_DEPTH = 200;
    public static final int MAX_LENGTH = 21_000;

    /** Built-in functions by lower-case name: documented spelling and accepted argument counts. */
    private static final Map<String, Signature> FUNCTIONS = Map.ofEntries(
            signature("contains", 2, 2), signature("startsWith", 2, 2), signature("endsWith", 2, 2),
            signature("format", 1, 255), signature("join", 1, 2), signature("toJSON", 1, 1),
            signature("fromJSON", 1, 1), signature("hashFiles", 1, 255), signature("case", 3, 255),
            signature("success", 0, 0), signature("always", 0, 0), signature("cancelled", 0, 0),
            signature("failure", 0, 0));

    /** Words the tokenizer reads as literals when spelled exactly so; in any other case they name nothing. */
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "nan", "infinity");

    private record Signature(String name, int minArgs, int maxArgs) {
    }

    private static Map.Entry<String, Signature> signature(String name, int min, int max) {
        return Map.entry(name.toLowerCase(Locale.ROOT), new Signature(name, min, max));
    }

    private final Tokenizer tokens;
    private int position;
    private int nesting;
    /** Height of the tree most recently returned by a parse method; bounded by MAX_DEPTH. */
    private int height;

    private ExpressionParser(Tokenizer tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses one expression (the text inside {@code ${{ }}}, or a bare {@code if:} value).
     *
     * @throws ExpressionSyntaxException if GitHub would reject the expression
     */
    public static Expr parse(String source) {
        if (source.length() > MAX_LENGTH) {
            throw new ExpressionSyntaxException(MAX_LENGTH, "expression longer than " + MAX_LENGTH + " characters");
        }
        ExpressionParser parser = new ExpressionParser(Tokenizer.tokenize(source));
        if (parser.peek() == Kind.END) {
            throw new ExpressionSyntaxException(0, "empty expression");
        }
        Expr expr = parser.expression();
        if (parser.peek() != Kind.END) {
            throw parser.unexpected();
        }
        return expr;
    }

    private Expr expression() {
        if (++nesting > MAX_DEPTH) {
            throw tooDeep();
        }
        Expr expr = or();
        nesting--;
        return expr;
    }

    private Expr or() {
        Expr left = and();
        while (peek() == Kind.OR) {
            position++;
            int leftHeight = height;
            left = binary(Op.OR, left, leftHeight, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = equality();
        while (peek() == Kind.AND) {
            position++;
            int leftHeight = height;
            left = binary(Op.AND, left, leftHeight, equality());
        }
        return left;
    }

    private Expr equality() {
        Expr left = comparison();
        while (true) {
            Op op = switch (peek()) {
                case EQUAL_EQUAL -> Op.EQ;
                case BANG_EQUAL -> Op.NE;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            position++;
            int leftHeight = height;
            left = binary(op, left, leftHeight, comparison());
        }
    }

    private Expr comparison() {
        Expr left = unary();
        while (true) {
            Op op = switch (peek()) {
                case LESS -> Op.LT;
                case LESS_EQUAL -> Op.LE;
                case GREATER -> Op.GT;
                case GREATER_EQUAL -> Op.GE;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            position++;
            int leftHeight = height;
            left = binary(op, left, leftHeight, unary());
        }
    }

    private Expr binary(Op op, Expr left, int leftHeight, Expr right) {
        return grown(new Binary(op, left, right, left.start(), right.end()), Math.max(leftHeight, height));
    }

    private Expr unary() {
        if (peek() != Kind.BANG) {
            return access();
        }
        int start = tokens.start(position++);
        if (++nesting > MAX_DEPTH) {
            throw tooDeep();
        }
        Expr operand = unary();
        nesting--;
        return grown(new Not(operand, start, operand.end()), height);
    }

    /** A primary followed by any number of {@code [index]}, {@code .name}, {@code .*} and {@code [*]}. */
    private Expr access() {
        int first = position;
        Expr expr = primary();
        // As in GitHub's grammar, only contexts, calls and parenthesised expressions can be accessed.
        if (!(expr instanceof ContextName || expr instanceof Call || tokens.kind(first) == Kind.LEFT_PAREN)) {
            return expr;
        }
        int start = tokens.start(first);
        while (true) {
            Kind kind = peek();
            if (kind == Kind.LEFT_BRACKET) {
                position++;
                int targetHeight = height;
                if (peek() == Kind.STAR) {
                    position++;
                    expectClosing(Kind.RIGHT_BRACKET);
                    expr = grown(new Star(expr, start, tokens.end(position - 1)), targetHeight);
                } else {
                    Expr index = expression();
                    expectClosing(Kind.RIGHT_BRACKET);
                    expr = grown(new Index(expr, index, start, tokens.end(position - 1)), Math.max(targetHeight, height));
                }
            } else if (kind == Kind.DOT) {
                position++;
                Kind next = peek();
                if (next == Kind.IDENTIFIER) {
                    expr = grown(new Property(expr, tokens.text(position), start, tokens.end(position)), height);
                } else if (next == Kind.STAR) {
                    expr = grown(new Star(expr, start, tokens.end(position)), height);
                } else {
                    throw unexpected();
                }
                position++;
            } else {
                return expr;
            }
        }
    }

    private Expr primary() {
        int i = position;
        Kind kind = peek();
        switch (kind) {
            case TRUE, FALSE, NULL, NUMBER, STRING -> {
                position++;
                height = 1;
                return new Literal(tokens.value(i), tokens.start(i), tokens.end(i));
            }
            case LEFT_PAREN -> {
                position++;
                Expr inner = expression();
                expectClosing(Kind.RIGHT_PAREN);
                return inner;
            }
            case IDENTIFIER -> {
                position++;
                if (peek() == Kind.LEFT_PAREN) {
                    return call(i);
                }
                String name = tokens.text(i);
                if (KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                    // 'True' or 'NULL' is not a keyword (those are lower case) and no context has such a name.
                    throw new ExpressionSyntaxException(tokens.start(i), "unrecognized named-value '" + name + "'");
                }
                height = 1;
                return new ContextName(name, tokens.start(i), tokens.end(i));
            }
            case END -> throw new ExpressionSyntaxException(tokens.start(i), "unexpected end of expression");
            default -> throw unexpected();
        }
    }

    private Expr call(int nameToken) {
        position++;
        List<Expr> args = new ArrayList<>();
        int argsHeight = 0;
        // GitHub accepts a comma before the closing parenthesis, so this loop does too.
        while (peek() != Kind.RIGHT_PAREN) {
            if (peek() == Kind.END) {
                throw new ExpressionSyntaxException(tokens.start(position), "unexpected end of expression");
            }
            args.add(expression());
            argsHeight = Math.max(argsHeight, height);
            if (peek() != Kind.RIGHT_PAREN) {
                expect(Kind.COMMA);
            }
        }
        position++;
        String written = tokens.text(nameToken);
        Signature signature = FUNCTIONS.get(written.toLowerCase(Locale.ROOT));
        String name = written;
        if (signature != null) {
            name = signature.name();
            checkArguments(signature, args.size(), tokens.start(nameToken));
        }
        return grown(new Call(name, args, tokens.start(nameToken), tokens.end(position - 1)), argsHeight);
    }

    private static void checkArguments(Signature signature, int count, int column) {
        if (count < signature.minArgs()) {
            throw new ExpressionSyntaxException(column, "too few arguments for " + signature.name()
                    + ": " + count + " given, at least " + signature.minArgs() + " needed");
        }
        if (count > signature.maxArgs()) {
            throw new ExpressionSyntaxException(column, "too many arguments for " + signature.name()
                    + ": " + count + " given, at most " + signature.maxArgs() + " allowed");
        }
        if (signature.name().equals("case") && count % 2 == 0) {
            throw new ExpressionSyntaxException(column,
                    "case needs an odd number of arguments (pairs of condition and value, then a default)");
        }
    }

    private Expr grown(Expr node, int childHeight) {
        height = childHeight + 1;
        if (height > MAX_DEPTH) {
            throw new ExpressionSyntaxException(node.start(), "expression nested deeper than " + MAX_DEPTH + " levels");
        }
        return node;
    }

    private Kind peek() {
        return tokens.kind(position);
    }

    private void expect(Kind kind) {
        if (peek() != kind) {
            throw unexpected();
        }
        position++;
    }

    private void expectClosing(Kind kind) {
        if (peek() == Kind.END) {
            throw new ExpressionSyntaxException(tokens.start(position),
                    "unexpected end of expression, expected '" + (kind == Kind.RIGHT_PAREN ? ")" : "]") + "'");
        }
        expect(kind);
    }

    private ExpressionSyntaxException unexpected() {
        if (peek() == Kind.END) {
            return new ExpressionSyntaxException(tokens.start(position), "unexpected end of expression");
        }
        return new ExpressionSyntaxException(tokens.start(position), "unexpected symbol '" + tokens.text(position) + "'");
    }

    private ExpressionSyntaxException tooDeep() {
        return new ExpressionSyntaxException(tokens.start(position),
                "expression nested deeper than " + MAX_DEPTH + " levels");
    }
}
