package dev.cimatrix.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's native library is copied to the cache once, whole, and copied again only when the copy is wrong. */
class SqliteNativeTest {
    @TempDir
    Path dir;

    @Test
    void copiedOnceAndReplacedWhenDamaged() throws Exception {
        Path library = SqliteNative.cachedCopy(dir);
        assertThat(library).isNotNull().startsWith(dir.resolve("native"));
        byte[] expected;
        String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
            expected = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(library)).isEqualTo(expected);

        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(library, written);
        assertThat(SqliteNative.cachedCopy(dir)).isEqualTo(library);
        assertThat(Files.getLastModifiedTime(library)).as("an intact copy is reused").isEqualTo(written);

        Files.write(library, new byte[] {1, 2, 3});
        assertThat(SqliteNative.cachedCopy(dir)).isEqualTo(library);
        assertThat(Files.readAllBytes(library)).as("a damaged copy is written again").isEqualTo(expected);
        try (var files = Files.list(library.getParent())) {
            assertThat(files).as("no partial copies left behind").containsExactly(library);
        }
    }

    @Test
    void openStateWorksWithTheCachedLibrary() {
        try (DetectionState s = DetectionState.open(dir.resolve("s.db"))) {
            assertThat(s.observe("r", "k", "v", 1)).isZero();
        }
    }
}
