package dev.cimatrix.discover.yaml;

import java.util.Arrays;

/**
 * The decoded text of a file with its line table, to turn positions into 1-based lines and columns.
 * Columns count code points, as snakeyaml-engine's marks do; line breaks are LF, CR LF and CR, as in YAML.
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts;
    private final int lineCount;
    /** Without surrogate pairs a column equals a char offset, which keeps the common case cheap. */
    private final boolean bmpOnly;

    public SourceText(String text) {
        this.text = text;
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int count = 1;
        int length = text.length();
        if (text.indexOf('\r') < 0) {
            // Almost every file: String.indexOf is far quicker than a loop over the chars.
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        } else {
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
        }
        this.lineStarts = starts;
        this.lineCount = count;
        // Answered at once for text held as Latin-1, which has no surrogates.
        this.bmpOnly = text.codePointCount(0, length) == length;
    }

    public String text() {
        return text;
    }

    char charAt(int index) {
        return text.charAt(index);
    }

    int length() {
        return text.length();
    }

    /** The char offset at which a 0-based line starts; the text's length past its last line. */
    public int lineStart(int line) {
        return line < lineCount ? lineStarts[line] : text.length();
    }

    /** The char offset of a 0-based line and code-point column. */
    public int charIndex(int line, int column) {
        int start = lineStarts[Math.min(line, lineCount - 1)];
        return bmpOnly ? start + column : text.offsetByCodePoints(start, column);
    }

    /** The 0-based line holding a char offset. */
    public int lineOf(int charIndex) {
        int found = Arrays.binarySearch(lineStarts, 0, lineCount, charIndex);
        return found >= 0 ? found : -found - 2;
    }

    /** The 0-based code-point column of a char offset on its 0-based line. */
    public int columnOf(int line, int charIndex) {
        int start = lineStarts[line];
        return bmpOnly ? charIndex - start : text.codePointCount(start, charIndex);
    }

    /** The 0-based line and column of the {@code codePointIndex}-th code point, for reader errors. */
    int[] positionOfCodePoint(int codePointIndex) {
        int charIndex = bmpOnly
                ? Math.min(codePointIndex, text.length())
                : text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
        int line = lineOf(charIndex);
        return new int[] {line, columnOf(line, charIndex)};
    }

    /** The offset of the code point a char belongs to: one back from the second half of a surrogate pair. */
    int codePointStart(int charIndex) {
        if (charIndex > 0 && Character.isLowSurrogate(text.charAt(charIndex)) && Character.isHighSurrogate(text.charAt(charIndex - 1))) {
            return charIndex - 1;
        }
        return charIndex;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
