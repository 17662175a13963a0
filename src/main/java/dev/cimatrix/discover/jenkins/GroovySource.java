package dev.cimatrix.discover.jenkins;

import dev.cimatrix.discover.yaml.SourceText;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;
import org.codehaus.groovy.ast.ASTNode;

import java.util.List;

/**
 * The text of a Groovy script with its line table ({@link SourceText}, whose line breaks are Groovy's too: LF, CR LF and
 * a lone CR): the spans of syntax-tree nodes (1-based lines and columns counted in chars, the end column just past the
 * node, as Groovy gives them) become offsets, source text and {@link Location}s, whose columns count code points as
 * every reader's do.
 */
final class GroovySource {
    private final String path;
    private final SourceText lines;

    GroovySource(String path, String text) {
        this.path = path;
        this.lines = new SourceText(text);
    }

    String path() {
        return path;
    }

    String text() {
        return lines.text();
    }

    /** Whether Groovy gave the node a span. */
    static boolean placed(ASTNode node) {
        return node.getLineNumber() > 0 && node.getColumnNumber() > 0 && node.getLastLineNumber() > 0
                && node.getLastColumnNumber() > 0;
    }

    /** The offset of a 1-based line and char column as Groovy counts them, clamped to the text. */
    int offset(int line, int column) {
        if (line < 1) {
            return 0;
        }
        return Math.min(text().length(), lines.lineStart(line - 1) + Math.max(0, column - 1));
    }

    int start(ASTNode node) {
        return offset(node.getLineNumber(), node.getColumnNumber());
    }

    int end(ASTNode node) {
        return Math.max(start(node), offset(node.getLastLineNumber(), node.getLastColumnNumber()));
    }

    /** The node's source text, or empty when it has no span. */
    String textOf(ASTNode node) {
        return placed(node) ? text().substring(start(node), end(node)) : "";
    }

    /** The location of a node, or of line 1 when Groovy gave it none. */
    Location location(ASTNode node, String route) {
        return placed(node) ? span(start(node), end(node), route) : Location.line(path, Math.max(1, node.getLineNumber()),
                route);
    }

    /** The location of the text from {@code start} to just before {@code end}. */
    Location span(int start, int end, String route) {
        int fromLine = lines.lineOf(start);
        int last = Math.max(start, end - 1);
        int toLine = lines.lineOf(last);
        int fromColumn = lines.columnOf(fromLine, start) + 1;
        int toColumn = lines.columnOf(toLine, last) + 1;
        return new Location(path, fromLine + 1, fromColumn, toLine + 1,
                Math.max(toColumn, toLine == fromLine ? fromColumn : 1), route);
    }

    /**
     * A model scalar of the text from {@code start} to {@code end}, whose spans find their own lines and columns.
     */
    Scalar scalar(int start, int end, String route) {
        String value = text().substring(start, end);
        return new Scalar(value, span(start, end, route), List.of(),
                (offset, length) -> span(start + offset, start + offset + length, route));
    }
}
