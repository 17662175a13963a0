package dev.cimatrix.discover;

import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    static final int MAX_RULES_PER_FILE = 1_000;
    static final int MAX_RULE_LENGTH = 256;
    static final int MAX_STARS_PER_NAME = 2;
    static final int MAX_DOUBLE_STARS = 2;
    static final int MAX_CLASSES = 4;
    /** Paths deeper than this, or with a longer name, are not matched (so not ignored): matching cost grows with both. */
    static final int MAX_MATCHED_DEPTH = 48;
    static final int MAX_MATCHED_NAME = 128;
    /** Matching time after which the rest of a walk is searched without the rules, so no tree makes it slow. */
    static final long MATCHING_BUDGET_NANOS = 5_000_000_000L;
    private static final IgnoreNode EMPTY = new IgnoreNode();

    /** Told of each rules file that is not applied, with its path (as given) and why. */
    interface Unread {
        void unread(Path rulesFile, String reason);
    }

    private final Path workTree;
    private final IgnoreNode exclude;
    private final Unread unread;
    /** Time spent matching so far, and how much it may be. */
    private long spentNanos;
    private final long budgetNanos;
    /** Each folder's own rules, read on first use: the walk visits a folder's entries together. */
    private final Map<Path, IgnoreNode> byFolder = new HashMap<>();

    private GitIgnores(Path workTree, Unread unread, long budgetNanos) {
        this.workTree = workTree;
        this.unread = unread;
        this.budgetNanos = budgetNanos;
        Path gitDir = workTree == null ? null : workTree.resolve(".git");
        this.exclude = gitDir != null && Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)
                ? rules(gitDir.resolve("info").resolve("exclude")) : EMPTY;
    }

    /** Rules that ignore nothing. */
    static GitIgnores none() {
        return new GitIgnores(null, (file, reason) -> { }, 0);
    }

    /**
     * The rules for a walk of {@code folder} (absolute and normalised): those of the working tree it is in, or none
     * when it is in none, or when git ignores the folder itself, which the user then named on purpose.
     */
    static GitIgnores forWalk(Path folder, Unread unread) {
        return forWalk(folder, unread, MATCHING_BUDGET_NANOS);
    }

    /** As {@link #forWalk(Path, Unread)}, with another budget of matching time. */
    static GitIgnores forWalk(Path folder, Unread unread, long budgetNanos) {
        return WorkTree.of(folder).map(top -> new GitIgnores(top, unread, budgetNanos))
                .filter(ignores -> !ignores.ignoredOrInIgnored(folder))
                .orElseGet(GitIgnores::none);
    }

    boolean active() {
        return workTree != null;
    }

    /**
     * Whether git ignores this path (absolute, inside the working tree), judged by its own name and place. Once the
     * matching has taken {@link #MATCHING_BUDGET_NANOS} in all, nothing more is ignored, and that is said once.
     */
    boolean ignored(Path path, boolean directory) {
        if (workTree == null || spentNanos > budgetNanos || !path.startsWith(workTree) || path.equals(workTree)) {
            return false;
        }
        Path relative = workTree.relativize(path);
        if (relative.getNameCount() > MAX_MATCHED_DEPTH) {
            return false;
        }
        for (Path name : relative) {
            if (name.toString().length() > MAX_MATCHED_NAME) {
                return false;
            }
        }
        long started = System.nanoTime();
        try {
            return match(path, relative, directory);
        } finally {
            spentNanos += System.nanoTime() - started;
            if (spentNanos > budgetNanos) {
                String limit = budgetNanos >= 1_000_000_000L ? budgetNanos / 1_000_000_000L + " s" : budgetNanos / 1_000_000L + " ms";
                unread.unread(workTree.resolve(".gitignore"), "matching the ignore rules took more than " + limit
                        + ", so the rest of the tree was searched without them");
            }
        }
    }

    private boolean match(Path path, Path relative, boolean directory) {
        for (Path folder = path.getParent(); folder != null && folder.startsWith(workTree); folder = folder.getParent()) {
            Boolean verdict = rulesOf(folder).checkIgnored(slashed(folder.relativize(path)), directory);
            if (verdict != null) {
                return verdict;
            }
        }
        return Boolean.TRUE.equals(exclude.checkIgnored(slashed(relative), directory));
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
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            unread.unread(file, "cannot be read (" + dev.cimatrix.io.IoReason.of(e) + "), so its rules were not applied");
            return EMPTY;
        }
        StringBuilder safe = new StringBuilder(text.length());
        int rules = 0;
        int tooComplex = 0;
        int beyondLimit = 0;
        for (String line : text.split("\\R")) {
            String rule = line.strip();
            if (rule.isEmpty() || rule.startsWith("#")) {
                continue;
            }
            if (!safeToMatch(rule)) {
                tooComplex++;
            } else if (rules >= MAX_RULES_PER_FILE) {
                beyondLimit++;
            } else {
                rules++;
                safe.append(line).append('\n');
            }
        }
        if (tooComplex > 0) {
            unread.unread(file, tooComplex + (tooComplex == 1 ? " rule has" : " rules have") + " more wildcards than are "
                    + "matched safely (" + MAX_STARS_PER_NAME + " * in a name, " + MAX_DOUBLE_STARS + " ** and "
                    + MAX_CLASSES + " [...] in a rule, " + MAX_RULE_LENGTH + " characters), so "
                    + (tooComplex == 1 ? "it was" : "they were") + " not applied");
        }
        if (beyondLimit > 0) {
            unread.unread(file, "has more than " + MAX_RULES_PER_FILE + " rules; the " + beyondLimit
                    + " after them were not applied");
        }
        IgnoreNode node = new IgnoreNode();
        try {
            node.parse(file.toString(), new ByteArrayInputStream(safe.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node.getRules().isEmpty() ? EMPTY : node;
    }

    /**
     * Whether JGit can match a rule in time that stays small whatever the path: its wildcards become regular
     * expressions and recursive matching, which backtrack on many {@code *} in a name or many {@code **} in a
     * path, so a hostile repository could make one match run for hours. Real rules stay far below these limits.
     */
    static boolean safeToMatch(String rule) {
        if (rule.length() > MAX_RULE_LENGTH) {
            return false;
        }
        int doubleStars = 0;
        int classes = 0;
        for (String name : rule.split("/")) {
            if (name.equals("**")) {
                doubleStars++;
                continue;
            }
            int stars = 0;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '*' || c == '?') {
                    stars++;
                } else if (c == '[') {
                    classes++;
                }
            }
            if (stars > MAX_STARS_PER_NAME) {
                return false;
            }
        }
        return doubleStars <= MAX_DOUBLE_STARS && classes <= MAX_CLASSES;
    }

    private static String slashed(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }
}
