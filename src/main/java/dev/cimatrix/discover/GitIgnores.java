package dev.cimatrix.discover;

import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ignore rules of the git working tree a folder is in, matched by JGit as git matches them: for a path, the
 * {@code .gitignore} of its folder first, then those of the folders above it up to the top of the working tree,
 * then the repository's {@code .git/info/exclude}; the first rule that matches decides, and a {@code !} rule can
 * take a file back. Outside a working tree nothing is ignored, as in git: a folder that only holds a
 * {@code .gitignore} (an unpacked archive, a copied template) is read whole.
 *
 * <p>As git does, a {@code .gitignore} that is a symbolic link is not read. One larger than
 * {@link #MAX_RULES_FILE_BYTES} is not read either, and is said so, since a hostile repository could make matching
 * every path slow or parsing it take the memory the scan needs.
 */
final class GitIgnores {
    static final long MAX_RULES_FILE_BYTES = 1 << 20;
    private static final IgnoreNode EMPTY = new IgnoreNode();

    /** Told of each rules file that is not applied, with its path (as given) and why. */
    interface Unread {
        void unread(Path rulesFile, String reason);
    }

    private final Path workTree;
    private final IgnoreNode exclude;
    private final Unread unread;
    /** Each folder's own rules, read on first use: the walk visits a folder's entries together. */
    private final Map<Path, IgnoreNode> byFolder = new HashMap<>();

    private GitIgnores(Path workTree, Unread unread) {
        this.workTree = workTree;
        this.unread = unread;
        Path gitDir = workTree == null ? null : workTree.resolve(".git");
        this.exclude = gitDir != null && Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)
                ? rules(gitDir.resolve("info").resolve("exclude")) : EMPTY;
    }

    /** Rules that ignore nothing. */
    static GitIgnores none() {
        return new GitIgnores(null, (file, reason) -> { });
    }

    /**
     * The rules for a walk of {@code folder} (absolute and normalised): those of the working tree it is in, or none
     * when it is in none, or when git ignores the folder itself, which the user then named on purpose.
     */
    static GitIgnores forWalk(Path folder, Unread unread) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                GitIgnores ignores = new GitIgnores(p, unread);
                return ignores.ignoredOrInIgnored(folder) ? none() : ignores;
            }
        }
        return none();
    }

    boolean active() {
        return workTree != null;
    }

    /** Whether git ignores this path (absolute, inside the working tree), judged by its own name and place. */
    boolean ignored(Path path, boolean directory) {
        if (workTree == null || !path.startsWith(workTree) || path.equals(workTree)) {
            return false;
        }
        for (Path folder = path.getParent(); folder != null && folder.startsWith(workTree); folder = folder.getParent()) {
            Boolean verdict = rulesOf(folder).checkIgnored(slashed(folder.relativize(path)), directory);
            if (verdict != null) {
                return verdict;
            }
        }
        return Boolean.TRUE.equals(exclude.checkIgnored(slashed(workTree.relativize(path)), directory));
    }

    /** Whether the folder or one above it, below the top of the working tree, is ignored: git never looks inside. */
    private boolean ignoredOrInIgnored(Path folder) {
        for (Path p = folder; p != null && p.startsWith(workTree) && !p.equals(workTree); p = p.getParent()) {
            if (ignored(p, true)) {
                return true;
            }
        }
        return false;
    }

    private IgnoreNode rulesOf(Path folder) {
        return byFolder.computeIfAbsent(folder, f -> rules(f.resolve(".gitignore")));
    }

    private IgnoreNode rules(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return EMPTY;
        }
        if (attributes.isSymbolicLink()) {
            unread.unread(file, "a symbolic link, which git does not follow for ignore rules, so its rules were not applied");
            return EMPTY;
        }
        if (!attributes.isRegularFile()) {
            return EMPTY;
        }
        if (attributes.size() > MAX_RULES_FILE_BYTES) {
            unread.unread(file, "larger than " + (MAX_RULES_FILE_BYTES >> 20) + " MiB, so its rules were not applied");
            return EMPTY;
        }
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            node.parse(file.toString(), in);
        } catch (IOException e) {
            unread.unread(file, "cannot be read (" + dev.cimatrix.io.IoReason.of(e) + "), so its rules were not applied");
            return EMPTY;
        }
        return node.getRules().isEmpty() ? EMPTY : node;
    }

    private static String slashed(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
