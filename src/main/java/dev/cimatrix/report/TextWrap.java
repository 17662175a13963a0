package dev.cimatrix.report;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for terminal output. */
public final class TextWrap {
    private TextWrap() {
    }

    /**
     * Splits text into lines of at most {@code width} characters, breaking at spaces; a word longer than
     * the width is cut.
     */
    public static List<String> wrap(String text, int width) {
        int limit = Math.max(1, width);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            while (word.length() > limit) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, limit));
                word = word.substring(limit);
            }
            if (line.isEmpty()) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= limit) {
                line.append(' ').append(word);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Wraps and indents every line, for paragraphs under a heading. */
    public static String paragraph(String text, int width, String indent) {
        StringBuilder out = new StringBuilder();
        for (String l : wrap(text, width - indent.length())) {
            out.append(indent).append(l).append('\n');
        }
        return out.toString();
    }
}
