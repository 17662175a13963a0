package dev.cimatrix.discover.terraform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts a Terraform file into runs of whole top-level blocks, so that hcl4j parses a block at a time: its lexer
 * matches every block header with {@code "{" [^]* "}"}, reading to the end of its input and back for each block,
 * which makes one parse of a file quadratic in its size (a 1.8 MB module took half a minute). Only what decides
 * where a block ends is read here: brackets, strings with their {@code ${...}} templates, heredocs and comments;
 * the same pass finds what does not close and the {@code for} expressions ({@link Structure}).
 */
final class TopLevelBlocks {
    /** A part to parse: chars {@code [start, end)} of the file, starting on 1-based line {@code line}. */
    record Part(int start, int end, int line) {
        String of(String text) {
            return text.substring(start, end);
        }

        /** The line where the part's first block starts, after white space and comments. */
        int firstLine(String text) {
            return line + newlines(text, start, firstCode(text));
        }

        /** The offset where the part's first block starts, after white space and comments; its end when none does. */
        int firstCode(String text) {
            int first = start;
            while (first < end) {
                if (Character.isWhitespace(text.charAt(first))) {
                    first++;
                    continue;
                }
                int after = afterComment(text, first);
                if (after == first) {
                    break;
                }
                first = after < 0 ? end : after;
            }
            return Math.min(first, end);
        }
    }

    private TopLevelBlocks() {
    }

    /**
     * What one pass over a file finds: where its top-level blocks end, what does not close, and the insides of its
     * {@code for} expressions.
     */
    static final class Structure {
        private final String text;
        /** The offset just after each top-level closing brace; null when something does not close. */
        private final List<Integer> blockEnds;
        private final Fault fault;
        private final List<int[]> forInsides;

        private Structure(String text) {
            Scan scan = new Scan(text);
            this.text = text;
            this.blockEnds = scan.blockEnds();
            this.fault = scan.fault;
            this.forInsides = scan.forInsides;
        }

        /**
         * What in the text does not close as it should: a bracket, string, template, comment or heredoc left open
         * at its end, a string left open at the end of its line, or a closing bracket with nothing open. Terraform
         * refuses such a file, while hcl4j takes some of them silently (an open comment or heredoc, or a block
         * whose closing brace is missing, loses what follows without a word), so they are found here. Null when
         * all closes.
         */
        Fault fault() {
            return fault;
        }

        /**
         * The text cut after top-level blocks into parts of about {@code partChars} chars: blocks are gathered
         * until a part reaches that size, and a block that reaches it alone is a part of its own, so that a part
         * longer than {@code partChars} holds one block. Null when something does not close.
         */
        List<Part> parts(int partChars) {
            if (blockEnds == null) {
                return null;
            }
            List<Part> parts = new ArrayList<>();
            int[] line = {1};
            int start = 0;
            int previous = 0;
            for (int end : blockEnds) {
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

        /**
         * The text with the inside of every {@code for} expression ({@code [for … : …]}, {@code {for … : … => …}})
         * made white space, line breaks kept, so that hcl4j reads each as an empty list or object and the rest where
         * it was, in the same parts; null when something does not close. hcl4j expands a {@code for} over a literal
         * list in full: three nested over a few hundred items, or one over many with a long body, hold a parse for
         * minutes and gigabytes. A value made by a {@code for} is not in the code as such anyway, and is read as
         * computed.
         */
        String withoutForExpressions() {
            if (blockEnds == null) {
                return null;
            }
            if (forInsides.isEmpty()) {
                return text;
            }
            char[] chars = text.toCharArray();
            for (int[] inside : forInsides) {
                for (int i = inside[0]; i < inside[1]; i++) {
                    if (chars[i] != '\n') {
                        chars[i] = ' ';
                    }
                }
            }
            return new String(chars);
        }
    }

    /** One pass over the text. */
    static Structure structure(String text) {
        return new Structure(text);
    }

    /** {@link Structure#parts} of the text. */
    static List<Part> split(String text, int partChars) {
        return structure(text).parts(partChars);
    }

    /** {@link Structure#fault} of the text. */
    static Fault fault(String text) {
        return structure(text).fault();
    }

    /** {@link Structure#withoutForExpressions} of the text. */
    static String withoutForExpressions(String text) {
        return structure(text).withoutForExpressions();
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

    /** Where and what: {@code what} names the construct, as in "a comment opened with /*". */
    record Fault(int offset, String what) {
    }

    /** One pass over a file: which brackets are open, and which string templates. */
    private static final class Scan {
        private final String text;
        /** The offsets of the open brackets, innermost first. */
        private final Deque<Integer> open = new ArrayDeque<>();
        /**
         * The open string templates ({@code ${} or {@code %{}), innermost first: the depth at which each opened, as
         * its } returns to the string, and where that string began.
         */
        private final Deque<int[]> templates = new ArrayDeque<>();
        private Fault fault;
        /** The offsets of the open brackets that begin a {@code for} expression, innermost first. */
        private final Deque<Integer> openFors = new ArrayDeque<>();
        /** The insides of the outermost {@code for} expressions, {@code [start, end)}. */
        private final List<int[]> forInsides = new ArrayList<>();

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
                    i = string(i + 1, i);
                    if (i < 0) {
                        return null;
                    }
                    continue;
                }
                if (c == '#' || c == '/') {
                    int after = afterComment(text, i);
                    if (after < 0) {
                        return fail(i, "a comment opened with /* is never closed");
                    }
                    if (after != i) {
                        i = after;
                        continue;
                    }
                }
                if (c == '<' && i + 1 < n && text.charAt(i + 1) == '<') {
                    int after = heredocEnd(text, i + 2);
                    if (after == -1) {
                        return fail(i, "the heredoc " + heredocOpening(text, i) + " is never closed: no later line "
                                + "holds its marker alone");
                    }
                    if (after > 0) {
                        i = after;
                        continue;
                    }
                }
                if (c == '{' || c == '[' || c == '(') {
                    open.push(i);
                    if (c != '(' && forFollows(i + 1)) {
                        openFors.push(i);
                    }
                } else if (c == '}' || c == ']' || c == ')') {
                    if (c == '}' && !templates.isEmpty() && templates.peek()[0] == open.size()) {
                        // The end of a template: back inside its string.
                        int stringStart = templates.pop()[1];
                        open.pop();
                        i = string(i + 1, stringStart);
                        if (i < 0) {
                            return null;
                        }
                        continue;
                    }
                    if (open.isEmpty()) {
                        return fail(i, "a closing " + c + " with nothing open");
                    }
                    char opener = text.charAt(open.peek());
                    if (opener != (c == '}' ? '{' : c == ']' ? '[' : '(')) {
                        return fail(open.peek(), "a " + opener + " opened here is closed by a " + c);
                    }
                    int opening = open.pop();
                    if (!openFors.isEmpty() && openFors.peek() == opening) {
                        openFors.pop();
                        if (openFors.isEmpty()) {
                            forInsides.add(new int[] {opening + 1, i});
                        }
                    }
                    if (open.isEmpty() && c == '}') {
                        ends.add(i + 1);
                    }
                }
                i++;
            }
            if (!open.isEmpty()) {
                // The outermost: the block whose end is missing, whatever inside it took its brace.
                int opening = open.peekLast();
                boolean template = templates.peekLast() != null && templates.peekLast()[0] == 1;
                return fail(opening, template ? "a template opened with " + text.charAt(opening - 1) + "{ is never closed"
                        : "a " + text.charAt(opening) + " opened here is never closed");
            }
            return ends;
        }

        /** Whether {@code for} and white space come at {@code from}, after any white space. */
        private boolean forFollows(int from) {
            int i = from;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return text.startsWith("for", i) && i + 3 < text.length() && Character.isWhitespace(text.charAt(i + 3));
        }

        private List<Integer> fail(int offset, String what) {
            fault = new Fault(offset, what);
            return null;
        }

        /**
         * Reads a quoted string from {@code from} to just after its closing quote, or to just inside a template
         * in it, which is code up to the template's }. -1 when a line or the file ends first, with the fault at
         * {@code opening}, where the string (or the template it resumes after) began.
         */
        private int string(int from, int opening) {
            int n = text.length();
            for (int i = from; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                } else if (c == '\n') {
                    fail(opening, "a string is not closed before the end of its line");
                    return -1;
                } else if ((c == '$' || c == '%') && i + 1 < n && text.charAt(i + 1) == '{') {
                    if (i > from && text.charAt(i - 1) == c) {
                        // $${ and %%{ are escapes: literal text.
                        continue;
                    }
                    open.push(i + 1);
                    templates.push(new int[] {open.size(), opening});
                    return i + 2;
                }
            }
            fail(opening, "a string is not closed before the end of the file");
            return -1;
        }
    }

    /**
     * Just after the comment at {@code at} ({@code #} or {@code //} to the end of its line, or a block comment);
     * {@code at} itself when no comment starts there, and -1 for a block comment that never closes.
     */
    private static int afterComment(String text, int at) {
        if (text.startsWith("#", at) || text.startsWith("//", at)) {
            int eol = text.indexOf('\n', at);
            return eol < 0 ? text.length() : eol + 1;
        }
        if (text.startsWith("/*", at)) {
            int close = text.indexOf("*/", at + 2);
            return close < 0 ? -1 : close + 2;
        }
        return at;
    }

    /** The heredoc's opening at {@code at}, as written: {@code <<EOT} or {@code <<-EOT}. */
    private static String heredocOpening(String text, int at) {
        int end = at + 2;
        while (end < text.length() && end - at < 80 && (Character.isLetterOrDigit(text.charAt(end))
                || text.charAt(end) == '_' || text.charAt(end) == '-' || text.charAt(end) == '~')) {
            end++;
        }
        return text.substring(at, end);
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
