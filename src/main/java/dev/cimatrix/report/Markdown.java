package dev.cimatrix.report;

/** Text helpers shared by the Markdown writers. */
public final class Markdown {
    private Markdown() {
    }

    /**
     * Text that Markdown shows as written: characters with a meaning are escaped, and line breaks become
     * spaces so a message cannot end a table row or start a heading; other control characters show as '?'.
     */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                escaped.append(' ');
            } else if (!Printable.shown(c)) {
                escaped.append('?');
            } else {
                if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A code span, or escaped text when the value holds a backtick or a '|' that would split a table cell. */
    public static String code(String text) {
        return text.contains("`") || text.contains("|") || text.isEmpty() ? escape(text) : "`" + Printable.line(text) + "`";
    }
}
