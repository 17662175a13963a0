package dev.cimatrix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LogFoldersTest {
    /**
     * A folder whose listing fails part way (in /proc/1 even the superuser may not list some folders) keeps what
     * was listed and the folder that failed, for the reader to report; it once ended detect with an internal error.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aListingThatFailsPartWayKeepsWhatWasListed() {
        Path proc = Path.of("/proc/1");
        assumeTrue(Files.isDirectory(proc), "no /proc");
        List<Path> files = LogFolders.files(proc);
        assertThat(files).contains(proc.resolve("cmdline"));
    }
}
