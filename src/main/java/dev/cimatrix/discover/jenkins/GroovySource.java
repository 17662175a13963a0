package dev.cimatrix.discover.jenkins;

import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import org.codehaus.groovy.ast.ASTNode;

import java.util.Arrays;
import java.util.List;

/**
 * The text of a Groovy script with its line starts: the spans of syntax-tree nodes (1-based lines and columns, the end
 * column just past the node, as Groovy gives them) become offsets, source text and {@link Location}s. A line ends at
 * {@code \n}, {@code \r\n} or a lone {@code \r}, as Groovy's lexer counts lines.
 */
final class GroovySource {
    private final String path;
    private final String text;
    private final int[] lineStarts;

    GroovySource(String path, String text) {
        this.path = path;
        this.text = text;
        int[] starts = new int[64];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    String path() {
        return path;
    }

    String text() {
        return text;
    }

    /** Whether Groovy gave the node a span. */
    static boolean placed(ASTNode node) {
        return node.getLineNumber() > 0 && node.getColumnNumber() > 0 && node.getLastLineNumber() > 0
                && node.getLastColumnNumber() > 0;
    }

    /** The offset of a 1-based line and column, clamped to the text. */
    int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return text.length();
        }
        return Math.min(text.length(), lineStarts[line - 1] + Math.max(0, column - 1));
    }

    int start(ASTNode node) {
        return offset(node.getLineNumber(), node.getColumnNumber());
    }

    int end(ASTNode node) {
        return Math.max(start(node), offset(node.getLastLineNumber(), node.getLastColumnNumber()));
    }

    /** The node's source text, or empty when it has no span. */
    String textOf(ASTNode node) {
        return placed(node) ? text.substring(start(node), end(node)) : "";
    }

    /** The location of a node, or of line 1 when Groovy gave it none. */
    Location location(ASTNode node, String route) {
        return placed(node) ? span(start(node), end(node), route) : Location.line(path, Math.max(1, node.getLineNumber()),
                route);
    }

    /** The location of the text from {@code start} to just before {@code end}. */
    Location span(int start, int end, String route) {
        int[] from = position(start);
        int[] to = position(Math.max(start, end - 1));
        return new Location(path, from[0], from[1], to[0], Math.max(to[1], to[0] == from[0] ? from[1] : 1), route);
    }

    /** The 1-based line and column of an offset. */
    private int[] position(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new int[]{line + 1, offset - lineStarts[line] + 1};
    }

    /**
     * A model scalar of the text from {@code start} to {@code end}, whose spans find their own lines and columns.
     */
    Scalar scalar(int start, int end, String route) {
        String value = text.substring(start, end);
        return new Scalar(value, span(start, end, route), List.of(),
                (offset, length) -> span(start + offset, start + offset + length, route));
    }
}
