package dev.cimatrix.discover.yaml;

import dev.cimatrix.io.IoReason;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads YAML files into positioned documents. Every failure, whatever the input, is a
 * {@link YamlLoadException} naming the file, line, column and reason; the limits keep each one fast.
 * Instances are immutable and may be shared between threads.
 */
public final class YamlLoader {
    private static final long MIB = 1024L * 1024;

    private final YamlLimits limits;
    private final LoadSettings settings;

    public YamlLoader() {
        this(YamlLimits.DEFAULT);
    }

    public YamlLoader(YamlLimits limits) {
        this.limits = limits;
        this.settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setParseComments(false)
                .setCodePointLimit((int) limits.maxFileBytes())
                .build();
    }

    public YamlLimits limits() {
        return limits;
    }

    /** Loads a file, reported under its path as given (with '/' separators). */
    public YamlDocumentSet load(Path file, YamlDialect dialect) throws YamlLoadException {
        return load(file, file.toString().replace(File.separatorChar, '/'), dialect);
    }

    /** Loads a file, reported under {@code displayPath} (relative to the scanned root, '/' separators). */
    public YamlDocumentSet load(Path file, String displayPath, YamlDialect dialect) throws YamlLoadException {
        return load(file, -1, displayPath, dialect);
    }

    /**
     * As {@link #load(Path, String, YamlDialect)}, for a file whose size the caller has just read from the
     * file system ({@code -1} when it has not): a file over the limit is refused before it is read.
     */
    public YamlDocumentSet load(Path file, long size, String displayPath, YamlDialect dialect) throws YamlLoadException {
        return load(displayPath, read(file, size, displayPath, limits.maxFileBytes()), dialect);
    }

    /**
     * The bytes of a file of at most {@code maxBytes}. Only a regular file is read: a FIFO would wait for a writer
     * and a device may never end. {@code size} is the size the caller has just read from the file's attributes,
     * which showed a regular file, or {@code -1} when it has not looked.
     */
    public static byte[] read(Path file, long size, String displayPath, long maxBytes) throws YamlLoadException {
        try {
            long known = size;
            if (known < 0) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    throw YamlLoadException.at(displayPath, 1, 1, attributes.isDirectory() ? "a folder, not a file"
                            : "not a regular file (a device, FIFO or socket), so not read");
                }
                known = attributes.size();
            }
            checkSize(displayPath, known, maxBytes);
            byte[] bytes = Files.readAllBytes(file);
            // It may have grown since.
            checkSize(displayPath, bytes.length, maxBytes);
            return bytes;
        } catch (IOException e) {
            throw YamlLoadException.at(displayPath, 1, 1, "cannot read the file: " + IoReason.of(e));
        }
    }

    /**
     * Loads standard input when the user named it ({@code -}) and it is a pipe: read as it comes, up to the size
     * limit. Other files that are not regular files are never read (see {@link #read}).
     */
    public YamlDocumentSet loadStandardInput(Path file, String displayPath, YamlDialect dialect)
            throws YamlLoadException {
        return load(displayPath, readStandardInput(file, displayPath, limits.maxFileBytes()), dialect);
    }

    /** The bytes of standard input, read as they come up to {@code maxBytes} (see {@link #loadStandardInput}). */
    public static byte[] readStandardInput(Path file, String displayPath, long maxBytes) throws YamlLoadException {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw YamlLoadException.at(displayPath, 1, 1, "cannot read the file: " + IoReason.of(e));
        }
        if (bytes.length > maxBytes) {
            // What is left of the stream is not read, so its size is not known.
            throw YamlLoadException.at(displayPath, 1, 1, "more than the " + size(maxBytes)
                    + " limit; the rest was not read");
        }
        return bytes;
    }

    public YamlDocumentSet load(String displayPath, byte[] bytes, YamlDialect dialect) throws YamlLoadException {
        checkSize(displayPath, bytes.length, limits.maxFileBytes());
        return parse(displayPath, TextDecoding.decode(displayPath, bytes), dialect);
    }

    /**
     * The text of a YAML file's bytes, decoded as {@link #load(String, byte[], YamlDialect)} does (UTF-8, or UTF-16
     * with a byte-order mark, strictly), or why they are not text, with the line and column of the first bad byte.
     */
    public static String decode(String displayPath, byte[] bytes) throws YamlLoadException {
        return TextDecoding.decode(displayPath, bytes);
    }

    /** Loads text that is already decoded; a leading byte-order mark is ignored. */
    public YamlDocumentSet parse(String displayPath, String text, YamlDialect dialect) throws YamlLoadException {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        SourceText source = new SourceText(content);
        try {
            StreamReader reader = new StreamReader(settings, content);
            GuardedParser parser = new GuardedParser(new ParserImpl(settings, reader), reader);
            return new YamlDocumentSet(displayPath, content,
                    new DocumentBuilder(displayPath, source, parser, dialect, limits).documents());
        } catch (GuardedParser.EngineFailure e) {
            throw YamlLoadException.at(displayPath, e.line, e.column, "the YAML parser failed here (" + oneLine(e.getMessage()) + ")");
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(displayPath, e);
        } catch (ReaderException e) {
            int[] position = source.positionOfCodePoint(e.getPosition());
            throw YamlLoadException.at(displayPath, position[0] + 1, position[1] + 1,
                    String.format("character U+%04X is not allowed in YAML", e.getCodePoint()));
        } catch (YamlEngineException e) {
            throw YamlLoadException.at(displayPath, 1, 1, oneLine(e.getMessage()));
        }
    }

    private static void checkSize(String path, long bytes, long maxBytes) throws YamlLoadException {
        if (bytes > maxBytes) {
            throw YamlLoadException.at(path, 1, 1, "file is " + size(bytes) + ", over the " + size(maxBytes) + " limit");
        }
    }

    private static String size(long bytes) {
        if (bytes < MIB) {
            return bytes + " bytes";
        }
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    /** The engine's problem, with the construct it was reading and where that started when it says so. */
    private static YamlLoadException syntaxError(String path, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String problem = e.getProblem() != null ? oneLine(e.getProblem()) : "invalid YAML";
        String reason = problem;
        if (e.getContext() != null) {
            reason += " (" + oneLine(e.getContext())
                    + e.getContextMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("")
                    + ")";
        }
        int line = mark.map(m -> m.getLine() + 1).orElse(1);
        int column = mark.map(m -> m.getColumn() + 1).orElse(1);
        return YamlLoadException.at(path, line, column, reason);
    }

    private static String oneLine(String message) {
        StringBuilder out = new StringBuilder(message.length());
        boolean space = false;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
