package dev.cimatrix.report.scan;

import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;

import java.util.Comparator;

/**
 * Something a scan could not do, reported so that no input is lost silently: a file (or part of one) that
 * could not be read into the model, or a check that failed on a file.
 *
 * @param fatal true when nothing of the file made it into the model
 */
public record Problem(Kind kind, Location location, String message, boolean fatal) {
    static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.location().path())
            .thenComparingInt(p -> p.location().startLine())
            .thenComparing(Problem::kind)
            .thenComparing(Problem::message);

    public enum Kind {
        /** Reading or parsing the file failed. */
        READ("read-problem"),
        /** A check threw on the file: a defect of cimatrix, not of the input. */
        CHECK("check-failure");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The name every format uses for the kind. */
        public String id() {
            return id;
        }
    }

    static Problem of(Kind kind, ReadProblem problem) {
        // A parser's reason may quote the line it stopped at.
        return new Problem(kind, problem.location(), SecretMask.mask(problem.message()), problem.fatal());
    }

    /** Whether it is an error (the file, or a check on it, gave nothing) rather than a warning. */
    public boolean isError() {
        return fatal || kind == Kind.CHECK;
    }
}
