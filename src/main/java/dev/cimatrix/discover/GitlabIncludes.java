package dev.cimatrix.discover;

import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files that GitLab CI configurations include from their own project ({@code include: local}, and the
 * {@code trigger:include: local} of child pipelines), found on disk so
 * that they are read although their names follow no convention ({@code .gitlab/ci/build.yml}). A path is taken from
 * the project's root: the nearest folder above the including file that holds a {@code .gitlab-ci.yml} or a
 * {@code .git}, and for a file that was itself included, its includer's root. Wildcards ({@code *}, and {@code **} across
 * folders) are matched as GitLab matches them; a path built from variables or inputs is not known before the pipeline
 * runs and is left. Nothing outside the root is read, nor links, nor more than {@link #MAX_PER_ROOT} files per root,
 * GitLab's own limit on includes.
 */
final class GitlabIncludes {
    /** GitLab refuses a pipeline of more includes than this. */
    static final int MAX_PER_ROOT = 150;
    /** Entries of a project looked through for the files a wildcard include matches. */
    private static final int MAX_WALKED = 20_000;

    private final Path base;
    /** The relative paths read or to be read, of the scan's own files and of included ones. */
    private final Set<String> known;
    private final Set<String> handled = new HashSet<>();
    /** The project root of each configuration read, by relative path, for the files it includes. */
    private final Map<String, Path> roots = new HashMap<>();
    private final Map<Path, Integer> includedPerRoot = new HashMap<>();
    private final Map<Path, List<Path>> filesUnder = new HashMap<>();

    /**
     * @param base  the folder paths are relative to
     * @param known the relative paths of the files the scan reads, a view the caller adds each wave's files to
     */
    GitlabIncludes(Path base, Set<String> known) {
        this.base = base;
        this.known = known;
    }

    /**
     * The files the configurations read so far include that are not read yet, each once; empty when there are none.
     * A local include that names a file that is not there is a warning at the include, as GitLab refuses the pipeline.
     */
    List<FoundFile> next(Collection<GitlabPipeline> read, Collection<ReadProblem> problems) {
        List<FoundFile> wave = new ArrayList<>();
        Set<String> inWave = new TreeSet<>();
        for (GitlabPipeline pipeline : List.copyOf(read)) {
            if (!handled.add(pipeline.path())) {
                continue;
            }
            Path file = base.resolve(pipeline.path()).normalize();
            Path root = roots.computeIfAbsent(pipeline.path(), p -> projectRoot(file));
            if (root == null) {
                continue;
            }
            for (GitlabPipeline.Include include : pipeline.allIncludes()) {
                if (include.kind() != GitlabPipeline.Include.Kind.LOCAL) {
                    continue;
                }
                String target = include.target().value().strip();
                if (target.isEmpty() || target.contains("$")) {
                    continue;
                }
                for (Path included : matching(root, target, include.location(), problems)) {
                    String relative = LocalFiles.relative(base, included);
                    roots.putIfAbsent(relative, root);
                    if (known.contains(relative) || !inWave.add(relative)) {
                        continue;
                    }
                    int count = includedPerRoot.merge(root, 1, Integer::sum);
                    if (count > MAX_PER_ROOT) {
                        if (count == MAX_PER_ROOT + 1) {
                            problems.add(new ReadProblem(include.location(), "more than " + MAX_PER_ROOT
                                    + " files included in one project, GitLab's limit; the rest are not read", false));
                        }
                        continue;
                    }
                    wave.add(new FoundFile(included, relative, SourceKind.GITLAB_CI, LocalFiles.size(included)));
                }
            }
        }
        wave.sort(java.util.Comparator.comparing(FoundFile::relativePath));
        return wave;
    }

    /** The files an include path names under the root: one file, or those a wildcard matches. */
    private List<Path> matching(Path root, String target, Location at, Collection<ReadProblem> problems) {
        String path = target.startsWith("/") ? target.substring(1) : target;
        if (path.contains("*")) {
            return wildcard(root, path);
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            problems.add(new ReadProblem(at, "included file " + target + " is outside the project, so not read",
                    false));
            return List.of();
        }
        return LocalFiles.regularFile(file, "included file " + target, at, problems,
                "GitLab refuses a pipeline whose local include is missing") ? List.of(file) : List.of();
    }

    private List<Path> wildcard(Path root, String pattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> out = new ArrayList<>();
        for (Path file : filesUnder.computeIfAbsent(root, GitlabIncludes::walk)) {
            if (matcher.matches(root.relativize(file))) {
                out.add(file);
            }
        }
        return out;
    }

    /**
     * The regular files under a project's root, in path order, up to {@link #MAX_WALKED} entries: walked once
     * however many wildcards its files include.
     */
    private static List<Path> walk(Path root) {
        List<Path> out = new ArrayList<>();
        int[] walked = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && FileFinder.SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return ++walked[0] > MAX_WALKED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(file);
                    }
                    return ++walked[0] > MAX_WALKED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // What could not be walked holds nothing to read; the files found so far are kept.
        }
        out.sort(null);
        return out;
    }

    /** The nearest folder above a file that holds a {@code .gitlab-ci.yml} or a {@code .git}; null when none does. */
    private static Path projectRoot(Path file) {
        return LocalFiles.nearestAbove(file, ".gitlab-ci.yml", ".git");
    }
}
