package dev.cimatrix.report;

/**
 * Text that is safe to show on a terminal or in a rendered document. Scanned files, file names, audit-log values
 * and parser messages quoting them are attacker-controlled: an escape sequence in one could rewrite the terminal
 * (clear the screen, hide a line, forge a link), and a bidirectional override could make text read other than it
 * is. Each such character is shown as '?'.
 */
public final class Printable {
    private Printable() {
    }

    /** One line: control characters, line breaks included, become '?'; tabs stay, for alignment. */
    public static String line(String text) {
        return replace(text, false);
    }

    /** Lines: as {@link #line} but line breaks ('\n') stay. */
    public static String lines(String text) {
        return replace(text, true);
    }

    /**
     * Whether the character is shown as is, line breaks aside: not a control character (other than a tab), not a
     * Unicode line or paragraph separator, and not a bidirectional embedding, override, isolate or mark.
     */
    public static boolean shown(char c) {
        if (c < 0x20) {
            return c == '\t';
        }
        if (c < 0x7f) {
            return true;
        }
        return !(c <= 0x9f || c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u2028' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069'));
    }

    private static String replace(String text, boolean keepLineBreaks) {
        int first = 0;
        while (first < text.length() && keeps(text.charAt(first), keepLineBreaks)) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = first; i < chars.length; i++) {
            if (!keeps(chars[i], keepLineBreaks)) {
                chars[i] = '?';
            }
        }
        return new String(chars);
    }

    private static boolean keeps(char c, boolean keepLineBreaks) {
        return shown(c) || (keepLineBreaks && c == '\n');
    }
}
