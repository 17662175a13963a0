package dev.cimatrix.cli;

import dev.cimatrix.io.IoReason;

import java.io.IOException;
import java.io.InputStream;
import java.io.StreamTokenizer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands {@code @FILE} arguments into the words of FILE, as picocli does: words are split at white space, may be
 * quoted with {@code "} or {@code '}, and a {@code #} starts a comment to the end of the line; {@code @@word} is
 * the literal {@code @word}, and an {@code @name} that is no readable file is kept as it is. Files may name
 * other files, and each is read once. Unlike picocli's own expansion, a file is read only up to
 * {@link #MAX_BYTES}, so that {@code @/dev/zero} or a runaway file ends in a usage error rather than a hang.
 */
final class ArgumentFiles {
    /** The most an argument file may hold: far beyond any list of paths and options a person would write. */
    static final int MAX_BYTES = 1 << 20;

    private final Set<Path> visited = new HashSet<>();

    private ArgumentFiles() {
    }

    /** The arguments with every {@code @FILE} replaced by its words; fails with a usage error naming the file. */
    static String[] expand(String[] args) {
        boolean any = false;
        for (String arg : args) {
            any |= arg.startsWith("@");
        }
        if (!any) {
            return args;
        }
        List<String> expanded = new ArrayList<>();
        ArgumentFiles files = new ArgumentFiles();
        for (String arg : args) {
            files.addOrExpand(arg, expanded);
        }
        return expanded.toArray(String[]::new);
    }

    private void addOrExpand(String arg, List<String> into) {
        if (!arg.startsWith("@") || arg.equals("@")) {
            into.add(arg);
        } else if (arg.startsWith("@@")) {
            into.add(arg.substring(1));
        } else {
            Path file = readable(arg.substring(1));
            if (file == null) {
                into.add(arg);
            } else if (visited.add(file.toAbsolutePath().normalize())) {
                for (String word : words(file, arg)) {
                    addOrExpand(word, into);
                }
            }
        }
    }

    /** The file an {@code @name} names, or null when there is none to read and the argument is meant literally. */
    private static Path readable(String name) {
        try {
            Path file = Path.of(name);
            return Files.isReadable(file) && !Files.isDirectory(file) ? file : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static List<String> words(Path file, String arg) {
        String text = new String(read(file, arg), StandardCharsets.UTF_8);
        StreamTokenizer tokens = new StreamTokenizer(new StringReader(text));
        tokens.resetSyntax();
        tokens.wordChars(' ', Character.MAX_VALUE);
        tokens.whitespaceChars(0, ' ');
        tokens.quoteChar('"');
        tokens.quoteChar('\'');
        tokens.commentChar('#');
        List<String> words = new ArrayList<>();
        try {
            while (tokens.nextToken() != StreamTokenizer.TT_EOF) {
                words.add(tokens.sval);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return words;
    }

    private static byte[] read(Path file, String arg) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UsageException("argument file " + arg + " holds more than " + (MAX_BYTES >> 20)
                        + " MiB, so it was not read; give paths and options on the command line, or a smaller file");
            }
            return bytes;
        } catch (IOException e) {
            throw new UsageException("argument file " + arg + " could not be read: " + IoReason.of(e));
        }
    }
}
