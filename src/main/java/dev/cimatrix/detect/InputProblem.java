package dev.cimatrix.detect;

/**
 * Input that could not be used as an event, reported so that nothing is lost silently.
 *
 * @param line 1-based line, or 0 when the problem concerns the whole file
 */
public record InputProblem(String file, long line, Kind kind, String message) {
    public enum Kind {
        /** The line or document is not valid JSON. */
        PARSE_ERROR("parse error"),
        /** Valid JSON, but no known log source has this shape. */
        UNKNOWN_SHAPE("unknown shape"),
        /** An event larger than the size limit, skipped. */
        OVERSIZED("skipped, too large"),
        /** A compressed file that ends early or is damaged; the events before the damage were read. */
        TRUNCATED("truncated"),
        /** A file that could not be opened or read at all. */
        UNREADABLE("unreadable"),
        /** A rule's regular expression gave up on a value of the event, which it then did not match. */
        MATCH_GAVE_UP("match gave up"),
        /** A file whose events run newest first that could not be set aside to be read oldest first. */
        NOT_REORDERED("not reordered");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + kind.label() + ": " + message;
    }
}
