package dev.cimatrix.discover.terraform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts a Terraform file into runs of whole top-level blocks, so that hcl4j parses a large file a part at a
 * time: its lexer matches every block header with {@code "{" [^]* "}"}, reading to the end of its input and
 * back for each block, which makes one parse of a file quadratic in its size (a 1.8 MB module took half a
 * minute). Only what decides where a block ends is read here: braces, strings with their {@code ${...}}
 * templates, heredocs and comments.
 */
final class TopLevelBlocks {
    /** A part to parse: chars {@code [start, end)} of the file, starting on 1-based line {@code line}. */
    record Part(int start, int end, int line) {
        String of(String text) {
            return text.substring(start, end);
        }

        /** The line of the part's first character that is not white space: where its block or comment starts. */
        int firstLine(String text) {
            int first = start;
            int lines = 0;
            while (first < end && Character.isWhitespace(text.charAt(first))) {
                lines += text.charAt(first) == '\n' ? 1 : 0;
                first++;
            }
            return line + lines;
        }
    }

    private TopLevelBlocks() {
    }

    /**
     * The file cut after top-level blocks into parts of about {@code partChars} chars: blocks are gathered
     * until a part reaches that size, and a block that reaches it alone is a part of its own, so that a part
     * longer than {@code partChars} holds one block. Null when the file's braces, strings or heredocs do not
     * close as they should: then the whole file is parsed at once, and hcl4j says what is wrong.
     */
    static List<Part> split(String text, int partChars) {
        List<Integer> ends = blockEnds(text);
        if (ends == null) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        int[] line = {1};
        int start = 0;
        int previous = 0;
        for (int end : ends) {
            if (end - previous >= partChars && previous > start) {
                start = cut(text, parts, start, previous, line);
            }
            if (end - start >= partChars) {
                start = cut(text, parts, start, end, line);
            }
            previous = end;
        }
        if (start < text.length()) {
            cut(text, parts, start, text.length(), line);
        }
        return parts;
    }

    private static int cut(String text, List<Part> parts, int start, int end, int[] line) {
        parts.add(new Part(start, end, line[0]));
        line[0] += newlines(text, start, end);
        return end;
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        return count;
    }

    /** The offset just after each top-level closing brace, or null when something does not close. */
    private static List<Integer> blockEnds(String text) {
        return new Scan(text).blockEnds();
    }

    /** One pass over a file: how deep in brackets it is, and which string templates are open. */
    private static final class Scan {
        private final String text;
        /** Depths at which a string template ({@code ${} or {@code %{}) opened: its } returns to the string. */
        private final Deque<Integer> templates = new ArrayDeque<>();
        private int depth;

        Scan(String text) {
            this.text = text;
        }

        List<Integer> blockEnds() {
            List<Integer> ends = new ArrayList<>();
            int n = text.length();
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '"') {
                    i = string(i + 1);
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
                    int eol = text.indexOf('\n', i);
                    i = eol < 0 ? n : eol + 1;
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int close = text.indexOf("*/", i + 2);
                    if (close < 0) {
                        return null;
                    }
                    i = close + 2;
                    continue;
                }
                if (c == '<' && i + 1 < n && text.charAt(i + 1) == '<') {
                    int after = heredocEnd(text, i + 2);
                    if (after == -1) {
                        return null;
                    }
                    if (after > 0) {
                        i = after;
                        continue;
                    }
                }
                if (c == '{' || c == '[' || c == '(') {
                    depth++;
                } else if (c == '}' || c == ']' || c == ')') {
                    if (c == '}' && !templates.isEmpty() && templates.peek() == depth) {
                        // The end of a template: back inside its string.
                        templates.pop();
                        depth--;
                        i = string(i + 1);
                        if (i < 0) {
                            return null;
                        }
                        continue;
                    }
                    depth--;
                    if (depth < 0) {
                        return null;
                    }
                    if (depth == 0 && c == '}') {
                        ends.add(i + 1);
                    }
                }
                i++;
            }
            return depth == 0 && templates.isEmpty() ? ends : null;
        }

        /**
         * Reads a quoted string from {@code from} to just after its closing quote, or to just inside a template
         * in it, which is code up to the template's }. -1 when a line or the file ends first.
         */
        private int string(int from) {
            int n = text.length();
            for (int i = from; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                } else if (c == '\n') {
                    return -1;
                } else if ((c == '$' || c == '%') && i + 1 < n && text.charAt(i + 1) == '{') {
                    if (i > from && text.charAt(i - 1) == c) {
                        // $${ and %%{ are escapes: literal text.
                        continue;
                    }
                    depth++;
                    templates.push(depth);
                    return i + 2;
                }
            }
            return -1;
        }
    }

    /**
     * For {@code <<} at {@code from - 2}: just after the heredoc's closing marker line; 0 when this is no
     * heredoc (a {@code <<} in an expression); -1 when the marker never comes.
     */
    private static int heredocEnd(String text, int from) {
        int n = text.length();
        int i = from;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '~')) {
            i++;
        }
        int nameStart = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i == nameStart) {
            return 0;
        }
        String marker = text.substring(nameStart, i);
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
            i++;
        }
        if (i >= n || text.charAt(i) != '\n') {
            return 0;
        }
        int lineStart = i + 1;
        while (lineStart < n) {
            int eol = text.indexOf('\n', lineStart);
            int lineEnd = eol < 0 ? n : eol;
            if (text.substring(lineStart, lineEnd).strip().equals(marker)) {
                return lineEnd;
            }
            lineStart = lineEnd + 1;
        }
        return -1;
    }
}
