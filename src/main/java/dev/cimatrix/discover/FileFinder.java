package dev.cimatrix.discover;

import dev.cimatrix.io.FolderWalk;
import dev.cimatrix.model.Platform;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds CI/CD definition files under a directory at their conventional paths: GitHub workflows directly
 * in {@code .github/workflows/}, action metadata files ({@code action.yml}) and Terraform files ({@code *.tf})
 * anywhere. Version-control
 * folders, dependency folders and vendored trees are skipped, and symbolic links are not followed, so a
 * link loop or a link out of the tree cannot make the walk endless or leave the repository.
 */
public final class FileFinder {
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn", "node_modules", "vendor",
            "third_party", "third-party", "bower_components", ".venv", "venv", "__pycache__", ".tox", ".terraform");

    private FileFinder() {
    }

    /** Told of each definition file of a platform this version does not read yet. */
    public interface UnreadSink {
        void unread(Platform platform, String relativePath, long size);
    }

    /** Told of each folder or file the walk could not look into, which may hold definitions. */
    public interface FailureSink {
        void failed(String relativePath, IOException e);
    }

    /**
     * The definition files under {@code root}, sorted by relative path; those of platforms not read yet go to
     * {@code unread}, in the order met, found in the same walk, and what could not be looked into to
     * {@code failed}.
     */
    public static List<FoundFile> find(Path root, UnreadSink unread, FailureSink failed) throws IOException {
        List<FoundFile> found = new ArrayList<>();
        // Every regular file outside the skipped folders, without following links.
        Files.walkFileTree(root, new FolderWalk(root) {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String relative = relativePath(root, file);
                Optional<SourceKind> kind = kindByPath(relative);
                if (kind.isPresent()) {
                    found.add(new FoundFile(file, relative, kind.get(), attrs.size()));
                } else {
                    unreadPlatformByPath(relative).ifPresent(platform -> unread.unread(platform, relative, attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            protected void failed(Path path, IOException e) {
                failed.failed(path.equals(root) ? "." : relativePath(root, path), e);
            }
        });
        found.sort(Comparator.comparing(FoundFile::relativePath));
        return found;
    }

    /** The kind a path names by convention, if any. */
    public static Optional<SourceKind> kindByPath(String relativePath) {
        String path = relativePath.replace('\\', '/');
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".tf")) {
            return Optional.of(SourceKind.TERRAFORM);
        }
        boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
        if (!yaml) {
            return Optional.empty();
        }
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (parent.equals(".github/workflows") || parent.endsWith("/.github/workflows")) {
            return Optional.of(SourceKind.GITHUB_WORKFLOW);
        }
        if (name.equals("action.yml") || name.equals("action.yaml")) {
            return Optional.of(SourceKind.GITHUB_ACTION);
        }
        return Optional.empty();
    }

    /**
     * The platform whose definitions this version does not read yet that a path names by convention: GitLab CI
     * ({@code .gitlab-ci.yml}, and {@code *.gitlab-ci.yml} for included files), Azure Pipelines
     * ({@code azure-pipelines.yml}), CircleCI ({@code .circleci/config.yml}), Bitbucket Pipelines
     * ({@code bitbucket-pipelines.yml}) and Jenkins ({@code Jenkinsfile}). Said so rather than read as a workflow.
     */
    public static Optional<Platform> unreadPlatformByPath(String relativePath) {
        String path = relativePath.replace('\\', '/').toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.equals("jenkinsfile") || name.startsWith("jenkinsfile.") || name.endsWith(".jenkinsfile")) {
            return Optional.of(Platform.JENKINS);
        }
        String stem = name.endsWith(".yml") ? name.substring(0, name.length() - 4)
                : name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : null;
        if (stem == null) {
            return Optional.empty();
        }
        if (stem.equals(".gitlab-ci") || stem.endsWith(".gitlab-ci")) {
            return Optional.of(Platform.GITLAB_CI);
        }
        if (stem.equals("azure-pipelines") || stem.equals(".azure-pipelines")) {
            return Optional.of(Platform.AZURE_PIPELINES);
        }
        if (stem.equals("config") && (path.equals(".circleci/" + name) || path.endsWith("/.circleci/" + name))) {
            return Optional.of(Platform.CIRCLECI);
        }
        if (stem.equals("bitbucket-pipelines")) {
            return Optional.of(Platform.BITBUCKET);
        }
        return Optional.empty();
    }

    static String relativePath(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path part : relative) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }
}
