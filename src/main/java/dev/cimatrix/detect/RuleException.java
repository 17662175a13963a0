package dev.cimatrix.detect;

/** A rule that cannot be loaded as written: refused whole, with where and what. */
public final class RuleException extends RuntimeException {
    private final String file;
    private final int line;

    public RuleException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line of the construct, or 0 when the whole file is at fault. */
    public int line() {
        return line;
    }

    /** {@code file:line: message}, the form editors and CI logs link. */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + getMessage();
    }
}
