package dev.cimatrix.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What the command line needs to know about the terminal it prints to. */
final class Terminal {
    static final int DEFAULT_WIDTH = 120;

    private Terminal() {
    }

    /**
     * The width to fit output to: {@code COLUMNS} when set, else the size the terminal reports, else
     * {@value #DEFAULT_WIDTH} (output piped to a file or another program).
     */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                int n = Integer.parseInt(columns.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to asking the terminal
            }
        }
        if (System.console() != null) {
            int reported = sttyWidth();
            if (reported > 0) {
                return reported;
            }
        }
        return DEFAULT_WIDTH;
    }

    /**
     * Whether a progress line belongs on standard error: someone is watching a terminal. Not when standard input or
     * output is redirected or piped, nor in CI, whose log would keep every rewrite of the line.
     */
    static boolean showsProgress() {
        return System.console() != null && System.getenv("CI") == null;
    }

    private static int sttyWidth() {
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
