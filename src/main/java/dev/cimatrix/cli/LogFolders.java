package dev.cimatrix.cli;

import dev.cimatrix.io.FolderWalk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The log files under a folder named to {@code detect}, such as an S3 bucket of CloudTrail logs synced to disk
 * ({@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/}): every regular file, in path order, which for
 * such date folders is time order. Hidden files and folders are left out, and so are CloudTrail's digest files,
 * which hold hashes of the logs rather than events. Other files that are not logs are left to the reader, which
 * skips one found in a folder with a note when it does not start as JSON. Symbolic links are not followed, so a
 * link loop cannot make the walk endless.
 */
final class LogFolders {
    private static final Set<String> SKIPPED_FOLDERS = Set.of("CloudTrail-Digest");

    private LogFolders() {
    }

    static List<Path> files(Path folder) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new FolderWalk(folder) {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return !dir.equals(folder) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // A link to a log counts as the log, as links to folders are not followed.
                    if ((attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file))
                            && !file.getFileName().toString().startsWith(".")) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                protected void failed(Path path, IOException e) {
                    // Kept, so that opening it as a log reports it (a folder it may not list, say).
                    found.add(path);
                }
            });
        } catch (IOException e) {
            // The folder itself could not be opened: kept, so that reading it reports it, as for any failed path.
            found.add(folder);
        }
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }
}
