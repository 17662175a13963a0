package dev.cimatrix.cli;

import dev.cimatrix.io.IoReason;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output, written to its file descriptor rather than through {@code System.out}, which drops write
 * errors: a full disk must fail the run, and a reader that stopped early ({@code | head}) is told apart from it.
 */
final class StandardOutput extends PrintWriter {
    private final FailureRecorder recorder;

    private StandardOutput(FailureRecorder recorder) {
        super(new OutputStreamWriter(new BufferedOutputStream(recorder, 1 << 16), StandardCharsets.UTF_8), true);
        this.recorder = recorder;
    }

    static StandardOutput open() {
        return of(new FileOutputStream(FileDescriptor.out));
    }

    static StandardOutput of(OutputStream out) {
        return new StandardOutput(new FailureRecorder(out));
    }

    /** Whether a write failed because the reader closed its end of the pipe: what is written next is read by no one. */
    boolean readerGone() {
        IOException failure = recorder.failure;
        return failure != null && String.valueOf(failure.getMessage()).contains("Broken pipe");
    }

    /** Why writing failed, or null while nothing has. */
    String failure() {
        return recorder.failure == null ? null : IoReason.of(recorder.failure);
    }

    /** Keeps the first write error, which the writer above only remembers as a flag. */
    private static final class FailureRecorder extends FilterOutputStream {
        private IOException failure;

        FailureRecorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}
