package dev.cimatrix.report;

import org.apache.commons.text.WordUtils;

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
        String words = String.join(" ", text.strip().split("\\s+"));
        return List.of(WordUtils.wrap(words, Math.max(1, width), "\n", true).split("\n", -1));
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
