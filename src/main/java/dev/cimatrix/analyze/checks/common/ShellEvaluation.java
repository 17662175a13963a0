package dev.cimatrix.analyze.checks.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the value of a variable that a POSIX shell script expands at an offset is read again as code: an argument of
 * {@code eval}, of {@code sh -c} and the other shells, of an interpreter's one-line program ({@code python -c},
 * {@code node -e}, {@code ruby -e}, {@code perl -e}, {@code php -r}, {@code pwsh -c}) or of {@code ssh}, whose remote
 * shell parses it; a line of a here-document, with its delimiter unquoted, that an interpreter reads as its program;
 * or the command name itself. Anywhere else the shell treats the value as data. The word that reads the value again
 * must stand unquoted in the same simple command; single quotes around the variable keep it from being expanded at
 * all, and a place whose quoting is not followed with certainty is not claimed.
 */
public final class ShellEvaluation {
    private static final String OPTIONS = "(?:\\s+-{1,2}[A-Za-z][\\w-]*(?:=\\S+)?)*";
    /** The words that read every argument after them as code. */
    private static final List<Pattern> ALL_ARGUMENTS = List.of(
            Pattern.compile("(?<![\\w./-])eval\\b"),
            Pattern.compile("(?<![\\w./-])ssh\\b"));
    /** The words that read the argument after an option as a program, the later ones being its arguments. */
    private static final List<Pattern> ONE_ARGUMENT = List.of(
            Pattern.compile("(?<![\\w-])(?:ba|z|da|k|a)?sh" + "(?:\\s+-[a-zA-Z]+)*?\\s+-[a-zA-Z]*c\\b"),
            Pattern.compile("(?<![\\w-])python[0-9.]*" + OPTIONS + "?\\s+-[a-zA-Z]*c\\b"),
            Pattern.compile("(?<![\\w-])node(?:js)?" + OPTIONS + "?\\s+(?:-e|--eval|-p|--print)\\b"),
            Pattern.compile("(?<![\\w-])(?:ruby|perl)" + OPTIONS + "?\\s+-[a-zA-Z]*[eE]\\b"),
            Pattern.compile("(?<![\\w-])php" + OPTIONS + "?\\s+-r\\b"),
            Pattern.compile("(?i)(?<![\\w-])(?:pwsh|powershell)(?:\\.exe)?" + OPTIONS + "?\\s+-(?:c|command)\\b"));
    /** An interpreter that reads its program from standard input when given no file: options only, then the end. */
    private static final Pattern STDIN_INTERPRETER = Pattern.compile(
            "(?:^|\\|)\\s*(?:sudo\\s+)?(?:[\\w./-]*/)?(?<name>python[0-9.]*|node|nodejs|ruby|perl|php|(?:ba|z|da|k|a)?sh|pwsh)"
                    + "(?:\\s+(?:-\\S*|<<-?\\s*['\"]?\\w+['\"]?))*\\s*(?:\\||$)");

    private ShellEvaluation() {
    }

    /** What reads the value expanded at {@code offset} of {@code script} as code, if anything does. */
    public static Optional<String> at(String script, int offset) {
        return at(script, List.of(offset)).get(0);
    }

    /**
     * For each offset of {@code script}, in increasing order, what reads the value expanded there as code. The script
     * is read twice in all, however many offsets there are: once for the offsets, once for the words before them
     * that may read them again.
     */
    public static List<Optional<String>> at(String script, List<Integer> offsets) {
        return find(script, offsets, false);
    }

    /**
     * What reads the text at {@code offset} as part of its program, whatever the quoting around the offset: for text
     * in single quotes, the program that would read a variable put there. For a rewrite that moves a value into a
     * variable, which must know whether the variable would be read again as code.
     */
    public static Optional<String> programAt(String script, int offset) {
        return find(script, List.of(offset), true).get(0);
    }

    private static List<Optional<String>> find(String script, List<Integer> offsets, boolean throughSingleQuotes) {
        List<Optional<String>> out = new ArrayList<>(Collections.nCopies(offsets.size(), Optional.empty()));
        ScriptQuotes.PosixWalk walk = new ScriptQuotes.PosixWalk(script);
        // The offsets left to judge by the words before them, by the start of their simple command.
        Map<Integer, List<Integer>> byCommand = new TreeMap<>();
        for (int k = 0; k < offsets.size(); k++) {
            int offset = offsets.get(k);
            ScriptQuotes.At at = walk.at(offset);
            if (at.command() < 0 || at.context() == ScriptQuotes.Context.UNKNOWN
                    || at.context() == ScriptQuotes.Context.SINGLE && !throughSingleQuotes) {
                continue;
            }
            if (at.heredoc()) {
                int eol = script.indexOf('\n', at.command());
                Matcher m = STDIN_INTERPRETER.matcher(script.substring(at.command(), eol < 0 ? script.length() : eol));
                if (m.find()) {
                    out.set(k, Optional.of("a here-document that " + m.group("name") + " runs as its program"));
                }
            } else if (at.context() == ScriptQuotes.Context.COMMAND) {
                out.set(k, Optional.of("the command name"));
            } else {
                byCommand.computeIfAbsent(at.command(), c -> new ArrayList<>()).add(k);
            }
        }
        // The words that may read the values again, found once in each command's text up to its last offset.
        List<Candidate> candidates = new ArrayList<>();
        byCommand.forEach((command, ks) -> {
            String text = script.substring(command, offsets.get(ks.get(ks.size() - 1)));
            for (List<Pattern> evaluators : List.of(ALL_ARGUMENTS, ONE_ARGUMENT)) {
                for (Pattern evaluator : evaluators) {
                    Matcher m = evaluator.matcher(text);
                    while (m.find()) {
                        int end = evaluators == ALL_ARGUMENTS ? Integer.MAX_VALUE : wordEnd(script, command + m.end());
                        candidates.add(new Candidate(command, command + m.start(), end,
                                m.group().strip().replaceAll("\\s+", " ")));
                    }
                }
            }
        });
        candidates.sort(Comparator.comparingInt(Candidate::word));
        ScriptQuotes.PosixWalk words = new ScriptQuotes.PosixWalk(script);
        Map<Integer, List<Candidate>> bare = new TreeMap<>();
        int previous = -1;
        ScriptQuotes.At previousAt = null;
        for (Candidate candidate : candidates) {
            // Two patterns may find a word at one place; the walk answers each place once.
            ScriptQuotes.At at = candidate.word() == previous ? previousAt : words.at(candidate.word());
            previous = candidate.word();
            previousAt = at;
            if ((at.context() == ScriptQuotes.Context.UNQUOTED || at.context() == ScriptQuotes.Context.COMMAND)
                    && at.command() == candidate.command()) {
                bare.computeIfAbsent(candidate.command(), c -> new ArrayList<>()).add(candidate);
            }
        }
        byCommand.forEach((command, ks) -> {
            for (int k : ks) {
                int offset = offsets.get(k);
                for (Candidate candidate : bare.getOrDefault(command, List.of())) {
                    if (candidate.word() < offset && offset < candidate.end()) {
                        out.set(k, Optional.of(candidate.name()));
                        break;
                    }
                }
            }
        });
        return out;
    }

    /** A word that reads code, the simple command it stands in, and where the code it reads ends. */
    private record Candidate(int command, int word, int end, String name) {
    }

    /**
     * The end of the word that starts after the blanks from {@code from}: at the first blank, {@code ;}, {@code |} or
     * {@code &} outside quotes and parentheses.
     */
    private static int wordEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        char quote = 0;
        int parentheses = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                quote = c == '\'' ? 0 : quote;
            } else if (quote == '"') {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quote = 0;
                }
            } else if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                parentheses++;
            } else if (c == ')') {
                if (parentheses-- == 0) {
                    return i;
                }
            } else if (parentheses == 0 && (Character.isWhitespace(c) || c == ';' || c == '|' || c == '&')) {
                return i;
            }
        }
        return s.length();
    }
}
