package dev.cimatrix.discover;

import dev.cimatrix.io.FolderWalk;
import dev.cimatrix.io.IoReason;
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
 * in {@code .github/workflows/}, action metadata files ({@code action.yml}), Dependabot configurations
 * ({@code .github/dependabot.yml}), repository settings of the Settings app ({@code .github/settings.yml}), pre-commit configurations ({@code .pre-commit-config.yaml}), GitLab CI configurations
 * ({@code .gitlab-ci.yml}, and {@code *.gitlab-ci.yml} as included files are often named), Azure Pipelines files
 * ({@code azure-pipelines*.yml}, {@code *.azure-pipelines.yml}, and the YAML files under an {@code azure-pipelines}
 * or {@code .azure-pipelines} folder), CircleCI configurations ({@code .circleci/config.yml}), Bitbucket Pipelines configurations
 * ({@code bitbucket-pipelines.yml}) and Terraform files
 * ({@code *.tf}) anywhere. Version-control
 * folders, dependency folders and vendored trees are skipped, and links to folders are not followed, so a
 * link loop or a link out of the tree cannot make the walk endless or leave the repository. A definition file
 * that is a link is read when it leads to a regular file inside the tree, as Terraform and the runner (which
 * reads an action from the checked-out tree) follow it; a workflow file that is a link is not, since GitHub
 * does not run one. Every definition file left out is told, with why.
 */
public final class FileFinder {
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn", "node_modules", "vendor",
            "third_party", "third-party", "bower_components", ".venv", "venv", "__pycache__", ".tox", ".terraform");

    /** How many entries of ignored folders a walk looks through for definition files, so it can say they are there. */
    static final int IGNORED_ENTRIES_LOOKED_AT = 20_000;

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

    /** Told of each definition file that git ignores, which is not read. */
    public interface IgnoredSink {
        void ignored(String relativePath);
    }

    /** Told of each file at a definition's conventional path that is not read, with why. */
    public interface LeftOutSink {
        void leftOut(String relativePath, String reason);
    }

    /**
     * The definition files under {@code root}, sorted by relative path; those of platforms not read yet go to
     * {@code unread}, in the order met, found in the same walk, what could not be looked into to
     * {@code failed}, and definition files that are not read (links that cannot be followed, FIFOs, devices)
     * to {@code leftOut}.
     */
    public static List<FoundFile> find(Path root, UnreadSink unread, FailureSink failed, LeftOutSink leftOut)
            throws IOException {
        return find(root, GitIgnores.none(), unread, failed, leftOut, path -> { });
    }

    /**
     * As {@link #find(Path, UnreadSink, FailureSink, LeftOutSink)}, leaving out what {@code ignores} ignores: an
     * ignored definition file goes to {@code ignoredSink}, as do those found in ignored folders, which are looked
     * through for that alone, up to {@link #IGNORED_ENTRIES_LOOKED_AT} entries in all.
     */
    static List<FoundFile> find(Path root, GitIgnores ignores, UnreadSink unread, FailureSink failed,
                                LeftOutSink leftOut, IgnoredSink ignoredSink) throws IOException {
        List<FoundFile> found = new ArrayList<>();
        LinkTargets links = new LinkTargets(root);
        // Every regular file outside the skipped folders, without following links.
        Files.walkFileTree(root, new FolderWalk(root) {
            /** The topmost ignored folder being looked through, or null outside one. */
            private Path ignoredFolder;
            private int ignoredEntries;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (ignoredFolder == null && ignores.ignored(dir, true)) {
                    ignoredFolder = dir;
                }
                if (ignoredFolder != null && ++ignoredEntries > IGNORED_ENTRIES_LOOKED_AT) {
                    return leaveIgnored(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (dir.equals(ignoredFolder)) {
                    ignoredFolder = null;
                    return FileVisitResult.CONTINUE;
                }
                return ignoredFolder != null ? FileVisitResult.CONTINUE : super.postVisitDirectory(dir, e);
            }

            private FileVisitResult leaveIgnored(Path dir) {
                if (dir.equals(ignoredFolder)) {
                    ignoredFolder = null;
                }
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String relative = relativePath(root, file);
                Optional<SourceKind> kind = kindByPath(relative);
                if (ignoredFolder != null || (kind.isPresent() && ignores.ignored(file, false))) {
                    ignoredEntries += ignoredFolder != null ? 1 : 0;
                    kind.ifPresent(k -> ignoredSink.ignored(relative));
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile()) {
                    // The link's own path is kept: findings belong where the repository has the file.
                    kind.ifPresent(k -> {
                        Followed followed = links.follow(file, k, attrs);
                        if (followed.whyNot() == null) {
                            found.add(new FoundFile(file, relative, k, followed.size()));
                        } else {
                            leftOut.leftOut(relative, followed.whyNot());
                        }
                    });
                    return FileVisitResult.CONTINUE;
                }
                if (kind.isPresent()) {
                    found.add(new FoundFile(file, relative, kind.get(), attrs.size()));
                } else {
                    unreadPlatformByPath(relative).ifPresent(platform -> unread.unread(platform, relative, attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            protected void failed(Path path, IOException e) {
                // What git ignores is not the scan's to read, so a failure to look into it is no loss.
                if (ignoredFolder == null) {
                    failed.failed(path.equals(root) ? "." : relativePath(root, path), e);
                }
            }
        });
        found.sort(Comparator.comparing(FoundFile::relativePath));
        return found;
    }

    /** The kind a path names by convention, if any. */
    public static Optional<SourceKind> kindByPath(String relativePath) {
        // Relative paths are '/'-separated already; a '\' is part of a name, not a separator, or a workflow named
        // with one would pass unread.
        String path = relativePath;
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".tf")) {
            return Optional.of(SourceKind.TERRAFORM);
        }
        if (isJenkinsfile(name, path)) {
            return Optional.of(SourceKind.JENKINS);
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
        if ((name.equals("dependabot.yml") || name.equals("dependabot.yaml"))
                && (parent.equals(".github") || parent.endsWith("/.github"))) {
            return Optional.of(SourceKind.DEPENDABOT);
        }
        if ((name.equals("settings.yml") || name.equals("settings.yaml"))
                && (parent.equals(".github") || parent.endsWith("/.github"))) {
            return Optional.of(SourceKind.GITHUB_SETTINGS);
        }
        if (name.equals(".pre-commit-config.yaml") || name.equals(".pre-commit-config.yml")) {
            return Optional.of(SourceKind.PRE_COMMIT);
        }
        String stem = name.substring(0, name.lastIndexOf('.'));
        if (stem.equals(".gitlab-ci") || stem.endsWith(".gitlab-ci")) {
            return Optional.of(SourceKind.GITLAB_CI);
        }
        String folders = "/" + parent.toLowerCase(Locale.ROOT) + "/";
        if (stem.startsWith("azure-pipelines") || stem.startsWith(".azure-pipelines") || stem.endsWith(".azure-pipelines")
                || folders.contains("/azure-pipelines/") || folders.contains("/.azure-pipelines/")) {
            return Optional.of(SourceKind.AZURE_PIPELINES);
        }
        if (stem.equals("config") && (parent.equals(".circleci") || parent.endsWith("/.circleci"))) {
            return Optional.of(SourceKind.CIRCLECI);
        }
        if (stem.equals("bitbucket-pipelines")) {
            return Optional.of(SourceKind.BITBUCKET);
        }
        return Optional.empty();
    }

    /** The extensions of a file beside a Jenkinsfile that is not one: its documentation, templates and backups. */
    private static final java.util.Set<String> NOT_JENKINSFILES = java.util.Set.of("md", "txt", "rst", "adoc", "html",
            "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "erb", "mustache", "bak", "orig", "old", "swp", "sample",
            "example", "disabled", "png", "svg", "jpg", "json", "yml", "yaml", "xml", "properties", "sh", "py");

    /**
     * Whether a file name (lower case) names a Jenkins pipeline script: {@code Jenkinsfile}, {@code Jenkinsfile.release},
     * {@code Jenkinsfile-nightly}, {@code deploy.jenkinsfile}, {@code arm_jenkinsfile.groovy}, or a step of a shared
     * library ({@code vars/NAME.groovy}).
     */
    private static boolean isJenkinsfile(String name, String path) {
        if (name.equals("jenkinsfile") || name.endsWith(".jenkinsfile") || name.endsWith("jenkinsfile.groovy")) {
            return true;
        }
        if (name.startsWith("jenkinsfile.") || name.startsWith("jenkinsfile-") || name.startsWith("jenkinsfile_")) {
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return name.indexOf('.') < 0 || !NOT_JENKINSFILES.contains(extension);
        }
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        return name.endsWith(".groovy") && (parent.equals("vars") || parent.endsWith("/vars"));
    }

    /**
     * The platform whose definitions this version does not read yet that a path names by convention, if any. Said so
     * rather than read as a workflow.
     */
    public static Optional<Platform> unreadPlatformByPath(String relativePath) {
        String path = relativePath.toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('/') + 1);
        String stem = name.endsWith(".yml") ? name.substring(0, name.length() - 4)
                : name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : null;
        if (stem == null) {
            return Optional.empty();
        }
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        String folder = parent.substring(parent.lastIndexOf('/') + 1);
        return Optional.ofNullable(switch (stem) {
            case ".travis" -> Platform.TRAVIS_CI;
            case ".drone" -> Platform.DRONE;
            case ".woodpecker" -> Platform.WOODPECKER;
            case "buildspec" -> Platform.AWS_CODEBUILD;
            case "cloudbuild" -> Platform.GOOGLE_CLOUD_BUILD;
            default -> folder.equals(".buildkite") && (stem.equals("pipeline") || stem.startsWith("pipeline."))
                    ? Platform.BUILDKITE : folder.equals(".woodpecker") ? Platform.WOODPECKER : null;
        });
    }

    /** The size of the file a definition's link leads to, or why it is not read ({@code whyNot} is then set). */
    private record Followed(long size, String whyNot) {
        static Followed not(String why) {
            return new Followed(-1, why);
        }
    }

    /** Which links to definition files are followed: to a regular file inside the tree, not for a workflow. */
    private static final class LinkTargets {
        private final Path root;
        private Path realRoot;

        LinkTargets(Path root) {
            this.root = root;
        }

        /** Whether a definition file that is not a regular file is read, through its link, or why not. */
        Followed follow(Path file, SourceKind kind, BasicFileAttributes attrs) {
            if (!attrs.isSymbolicLink()) {
                return Followed.not(attrs.isDirectory() ? "a folder, not a file, so not read"
                        : "not a regular file (a device, FIFO or socket), so not read");
            }
            if (kind == SourceKind.GITHUB_WORKFLOW) {
                return Followed.not("a symbolic link, which GitHub does not run as a workflow, so not read");
            }
            try {
                Path target = file.toRealPath();
                if (!target.startsWith(realRoot())) {
                    return Followed.not("a symbolic link that leads out of the scanned folder, so not followed");
                }
                BasicFileAttributes targetAttrs = Files.readAttributes(target, BasicFileAttributes.class);
                return targetAttrs.isRegularFile() ? new Followed(targetAttrs.size(), null)
                        : Followed.not("a symbolic link to something other than a regular file, so not read");
            } catch (IOException e) {
                return Followed.not("a symbolic link that cannot be followed (" + IoReason.of(e) + "), so not read");
            }
        }

        private Path realRoot() throws IOException {
            if (realRoot == null) {
                realRoot = root.toRealPath();
            }
            return realRoot;
        }
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
