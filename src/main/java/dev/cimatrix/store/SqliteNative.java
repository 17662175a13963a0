package dev.cimatrix.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;

/**
 * Keeps SQLite's native library, which the JDBC driver otherwise copies out of the jar on every run (and compares
 * byte by byte with the copy), in the cache directory once, and points the driver at it. The copy is named after
 * the library's size and checksum in the jar, so another driver version never loads it. Anything unexpected leaves
 * the driver to find its library as it always does.
 */
final class SqliteNative {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static boolean prepared;

    private SqliteNative() {
    }

    /** Sets the driver's library path and name, unless the user set them; call before the first connection. */
    static synchronized void prepare(Path cacheDirectory) {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        Path library = cachedCopy(cacheDirectory);
        if (library != null) {
            System.setProperty(PATH_PROPERTY, library.getParent().toString());
            System.setProperty(NAME_PROPERTY, library.getFileName().toString());
        }
    }

    /** The cached copy of the driver's library for this platform, written first if missing; null if none can be. */
    static Path cachedCopy(Path cacheDirectory) {
        try {
            String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
            String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
            URL url = org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + folder + "/" + name);
            if (url == null) {
                return null;
            }
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            connection.setUseCaches(false);
            JarEntry entry = jar.getJarEntry();
            if (entry.getSize() <= 0 || entry.getCrc() < 0) {
                return null;
            }
            Path dir = cacheDirectory.resolve("native").resolve(folder.replace('/', '-') + "-" + entry.getSize() + "-"
                    + Long.toHexString(entry.getCrc()));
            Path library = dir.resolve(name);
            if (!Files.isRegularFile(library) || Files.size(library) != entry.getSize()) {
                Files.createDirectories(dir);
                Path partial = Files.createTempFile(dir, name, ".partial");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            return library;
        } catch (IOException | RuntimeException | LinkageError e) {
            // The driver extracts its library itself, as without this cache.
            return null;
        }
    }
}
