package dev.cimatrix.discover.jenkins;

import dev.cimatrix.model.JenkinsPipeline;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.ParserPluginFactory;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Jenkins pipeline script into the model with Groovy's own parser, stopped once the syntax tree is built:
 * nothing is compiled, resolved or run. The grammar is Groovy 2.4's, which Jenkins runs pipelines with.
 *
 * <p>A script that does not parse is one fatal problem at the line and column of the first syntax error. The parse
 * and the walk of the tree run on a thread of their own with a deep stack, so a deeply nested script is read rather
 * than overflowing a worker's stack; one nested deeper than even that, or one that takes longer than
 * {@link #TIME_LIMIT_SECONDS} to read, is a fatal problem too, and the scan goes on.
 */
public final class JenkinsReader {
    /**
     * The largest script read. Groovy's parser reads about half a megabyte a second, a hundredth of the YAML reader's
     * speed; the largest Jenkinsfile of the corpus is 26 KB.
     */
    public static final long MAX_BYTES = 1024 * 1024;
    /** The longest a single script may take to read; real ones take milliseconds. */
    static final long TIME_LIMIT_SECONDS = 10;
    /** The stack of the reading thread: the parser descends about twenty frames per level of nesting. */
    private static final long STACK_BYTES = 256L << 20;

    private JenkinsReader() {
    }

    /** The pipeline of a script, or empty (with a fatal problem) when it cannot be read. */
    public static Optional<JenkinsPipeline> read(String path, String text, List<ReadProblem> problems) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (content.isBlank()) {
            problems.add(new ReadProblem(Location.line(path, 1, ""), "empty file: no Jenkins pipeline", true));
            return Optional.empty();
        }
        Outcome outcome = new Outcome();
        Thread reader = new Thread(null, () -> outcome.read(path, content), "jenkinsfile " + path, STACK_BYTES);
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(TIME_LIMIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (outcome) {
            if (!outcome.done) {
                // The parser cannot be stopped from outside; the thread is a daemon and ends with the scan.
                outcome.done = true;
                problems.add(new ReadProblem(Location.line(path, 1, ""), "took longer than " + TIME_LIMIT_SECONDS
                        + " s to read, so it was not read", true));
                return Optional.empty();
            }
            if (outcome.problem != null) {
                problems.add(outcome.problem);
                return Optional.empty();
            }
            return Optional.of(outcome.pipeline);
        }
    }

    /** What the reading thread leaves behind. */
    private static final class Outcome {
        private boolean done;
        private JenkinsPipeline pipeline;
        private ReadProblem problem;

        void read(String path, String text) {
            JenkinsPipeline read = null;
            ReadProblem failed = null;
            try {
                Optional<ScriptShape.Refusal> refusal = ScriptShape.refusal(text);
                if (refusal.isPresent()) {
                    failed = new ReadProblem(Location.line(path, Math.max(1, refusal.get().line()), ""),
                            refusal.get().reason(), true);
                } else {
                    read = new PipelineWalker(new GroovySource(path, text)).walk(parse(path, text));
                }
            } catch (CompilationFailedException e) {
                failed = syntaxProblem(path, e);
            } catch (StackOverflowError e) {
                failed = new ReadProblem(Location.line(path, 1, ""), "nested too deeply to read", true);
            } catch (RuntimeException e) {
                failed = new ReadProblem(Location.line(path, 1, ""), "internal error while reading: " + e, true);
            }
            synchronized (this) {
                if (!done) {
                    done = true;
                    pipeline = read;
                    problem = failed;
                }
            }
        }
    }

    /** The syntax tree of a script: Groovy's front end up to the conversion of its parse tree, and no further. */
    static ModuleNode parse(String path, String text) {
        CompilerConfiguration configuration = new CompilerConfiguration();
        configuration.setPluginFactory(ParserPluginFactory.antlr2());
        configuration.setTolerance(0);
        SourceUnit unit = new SourceUnit(path, text, configuration, null, new ErrorCollector(configuration));
        unit.parse();
        unit.completePhase();
        unit.nextPhase();
        unit.convert();
        return unit.getAST();
    }

    private static ReadProblem syntaxProblem(String path, CompilationFailedException e) {
        if (e instanceof org.codehaus.groovy.control.MultipleCompilationErrorsException multiple) {
            for (Message message : multiple.getErrorCollector().getErrors()) {
                if (message instanceof SyntaxErrorMessage syntax) {
                    SyntaxException cause = syntax.getCause();
                    int line = Math.max(1, cause.getStartLine());
                    int column = Math.max(1, cause.getStartColumn());
                    // At the end of the file the parser names the token it found as empty.
                    String reason = oneLine(cause.getOriginalMessage());
                    reason = reason.endsWith(":") ? "unexpected end of file" : reason.endsWith("found ''")
                            ? reason.substring(0, reason.length() - 2) + "the end of the file" : reason;
                    return new ReadProblem(new Location(path, line, column, line, column, ""), "not valid Groovy: "
                            + reason, true);
                }
                if (message instanceof ExceptionMessage exception) {
                    return new ReadProblem(Location.line(path, 1, ""), "not valid Groovy: "
                            + oneLine(String.valueOf(exception.getCause().getMessage())), true);
                }
                if (message instanceof SimpleMessage simple) {
                    return new ReadProblem(Location.line(path, 1, ""), "not valid Groovy: "
                            + oneLine(simple.getMessage()), true);
                }
            }
        }
        return new ReadProblem(Location.line(path, 1, ""), "not valid Groovy: " + oneLine(e.getMessage()), true);
    }

    private static String oneLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
