package dev.cimatrix.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code uses:} names: a local path, an action or reusable workflow of the workflow's own repository
 * at the running commit ({@code $/path}), an action or reusable workflow in a repository at a ref, or a
 * container image.
 *
 * @param path the path inside the repository ({@code owner/repo/path@ref}); empty for the root
 */
public record ActionRef(String raw, Kind kind, String owner, String repo, String path, String ref, RefKind refKind,
                        Location location, String comment) {
    /**
     * {@code LOCAL}: {@code ./path}, the workspace (a checked-out tree for actions, the caller's commit for
     * reusable workflows). {@code SELF}: {@code $/path}, the workflow's own repository at the exact commit that
     * is running, whatever is checked out. {@code REPOSITORY}: {@code owner/repo[/path]@ref}.
     * {@code DOCKER}: {@code docker://image}.
     */
    public enum Kind { LOCAL, SELF, REPOSITORY, DOCKER }

    /** How firmly a ref pins what runs. */
    public enum RefKind {
        /** A full 40-character commit SHA: immutable. */
        FULL_SHA,
        /** A version-like tag such as v4 or v1.2.3: mutable, conventionally a release. */
        TAG,
        /** Any other name, usually a branch: moves with every push. */
        BRANCH,
        /** An image digest ({@code @sha256:…}): immutable. */
        DIGEST,
        /** No ref at all (a local path, or an image without tag or digest). */
        NONE
    }

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern VERSION_TAG = Pattern.compile("v?\\d+(\\.\\d+){0,3}([-+.][0-9A-Za-z.-]+)?");

    /** The major number of a version such as {@code v6.1.0}, {@code 3.1.1} or {@code v10}. */
    private static final Pattern MAJOR = Pattern.compile("v?(\\d{1,9})(?:[.+-].*)?");

    /** Parses the text of a {@code uses:} value. Expressions in it are kept as written. */
    public static ActionRef parse(String raw, Location location) {
        return parse(raw, location, "");
    }

    /**
     * Parses the text of a {@code uses:} value with the comment written after it on its line ({@code # v4.2.2}),
     * without the {@code #}.
     */
    public static ActionRef parse(String raw, Location location, String comment) {
        String value = raw.strip();
        if (value.startsWith("./") || value.startsWith("../") || value.equals(".")) {
            return new ActionRef(raw, Kind.LOCAL, "", "", value, "", RefKind.NONE, location, comment);
        }
        if (value.startsWith(".\\")) {
            // The runner takes .\ as it takes ./ (a path in the workspace, written the Windows way).
            return new ActionRef(raw, Kind.LOCAL, "", "", value.replace('\\', '/'), "", RefKind.NONE, location, comment);
        }
        if (value.startsWith("$/")) {
            // Self-repository syntax: the running commit of this repository, no checkout needed.
            return new ActionRef(raw, Kind.SELF, "", "", value.substring(2), "", RefKind.NONE, location, comment);
        }
        if (value.startsWith("docker://")) {
            String image = value.substring("docker://".length());
            int at = image.indexOf('@');
            if (at >= 0) {
                return new ActionRef(raw, Kind.DOCKER, "", image.substring(0, at), "", image.substring(at + 1),
                        RefKind.DIGEST, location, comment);
            }
            int colon = image.lastIndexOf(':');
            boolean tagged = colon > image.lastIndexOf('/');
            return new ActionRef(raw, Kind.DOCKER, "", tagged ? image.substring(0, colon) : image, "",
                    tagged ? image.substring(colon + 1) : "", tagged ? RefKind.TAG : RefKind.NONE, location, comment);
        }
        int at = value.indexOf('@');
        String name = at >= 0 ? value.substring(0, at) : value;
        String ref = at >= 0 ? value.substring(at + 1) : "";
        List<String> parts = nameParts(name);
        String owner = parts.isEmpty() ? "" : parts.get(0);
        String repo = parts.size() > 1 ? parts.get(1) : "";
        String path = parts.size() > 2 ? resolvedPath(parts.subList(2, parts.size())) : "";
        RefKind kind;
        if (ref.isEmpty()) {
            kind = RefKind.NONE;
        } else if (ref.length() == 40 && FULL_SHA.matcher(ref).matches()) {
            kind = RefKind.FULL_SHA;
        } else if (VERSION_TAG.matcher(ref).matches()) {
            kind = RefKind.TAG;
        } else {
            kind = RefKind.BRANCH;
        }
        return new ActionRef(raw, Kind.REPOSITORY, owner, repo, path, ref, kind, location, comment);
    }

    public ActionRef {
        comment = comment == null ? "" : comment;
    }

    /**
     * The parts of a repository reference's name as the runner reads them: it splits the name at every {@code /} and
     * {@code \} and drops the empty parts, so {@code actions//checkout/} names {@code actions/checkout}.
     */
    private static List<String> nameParts(String name) {
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/' || name.charAt(i) == '\\') {
                if (i > start) {
                    parts.add(name.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /**
     * A path inside the repository with its {@code .} and {@code ..} parts resolved, as the file system resolves the
     * folder the runner looks in ({@code save/../save} is {@code save}); kept as written, joined with {@code /}, when a
     * {@code ..} climbs out of the repository.
     */
    private static String resolvedPath(List<String> parts) {
        if (!parts.contains(".") && !parts.contains("..")) {
            return String.join("/", parts);
        }
        Deque<String> resolved = new ArrayDeque<>();
        for (String part : parts) {
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    return String.join("/", parts);
                }
                resolved.removeLast();
            } else if (!part.equals(".")) {
                resolved.addLast(part);
            }
        }
        return String.join("/", resolved);
    }

    /**
     * How a repository reference is written in a form other than the one the runner resolves it to: backslashes,
     * empty parts ({@code actions//checkout}, a trailing {@code /}), {@code .} or {@code ..} parts. Empty for a
     * reference written plainly, and for local, self-repository and container references.
     */
    public List<String> obfuscations() {
        if (kind != Kind.REPOSITORY || raw.contains("${{")) {
            return List.of();
        }
        String value = raw.strip();
        int at = value.indexOf('@');
        String name = at >= 0 ? value.substring(0, at) : value;
        List<String> found = new ArrayList<>(3);
        if (name.indexOf('\\') >= 0) {
            found.add("a backslash, which the runner reads as a slash");
        }
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.endsWith("/") || slashed.contains("//")) {
            found.add("an empty path part, which the runner drops");
        }
        List<String> parts = nameParts(name);
        if (parts.contains("..")) {
            found.add(climbsOutOfRepository() ? "a '..' part that climbs out of the repository"
                    : "a '..' part, which undoes the part before it");
        }
        if (parts.contains(".")) {
            found.add("a '.' part, which names the folder it is in");
        }
        return found;
    }

    /**
     * Whether a {@code ..} of a repository reference climbs out of the repository, so that the runner looks for the
     * action elsewhere: the path keeps a {@code ..} only then, since every other one was resolved.
     */
    public boolean climbsOutOfRepository() {
        return kind == Kind.REPOSITORY && (owner.equals("..") || repo.equals("..")
                || List.of(path.split("/")).contains(".."));
    }

    /** The reference as the runner resolves it: {@code owner/repo[/path]@ref}. */
    public String resolved() {
        String name = owner + "/" + repo + (path.isEmpty() ? "" : "/" + path);
        return ref.isEmpty() ? name : name + "@" + ref;
    }

    /**
     * The release this names: its tag, or for a commit SHA the version that the comment after it starts with
     * ({@code @11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2}, the form Dependabot and Renovate keep); empty
     * when neither says.
     */
    public Optional<String> version() {
        if (refKind == RefKind.TAG) {
            return Optional.of(ref);
        }
        if (refKind == RefKind.FULL_SHA && !comment.isEmpty()) {
            String first = comment.split("\\s", 2)[0];
            if (first.startsWith("tag=")) {
                first = first.substring("tag=".length());
            }
            return VERSION_TAG.matcher(first).matches() ? Optional.of(first) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The major number of {@link #version()}: 4 for {@code v4.2.2}. */
    public Optional<Integer> majorVersion() {
        return version().flatMap(ActionRef::major);
    }

    /** The major number of a version such as {@code v6.1.0}, {@code 3.1.1} or {@code v10}; empty for anything else. */
    public static Optional<Integer> major(String version) {
        if (version == null) {
            return Optional.empty();
        }
        var m = MAJOR.matcher(version.strip());
        return m.matches() ? Optional.of(Integer.valueOf(m.group(1))) : Optional.empty();
    }

    /** {@code owner/repo} in lower case, the identity GitHub resolves case-insensitively. */
    public String repository() {
        return (owner + "/" + repo).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this names {@code owner/repo}, compared without case. Asked for every step by many checks, so it
     * compares in place rather than building the name.
     */
    public boolean isRepository(String ownerSlashRepo) {
        int slash = owner.length();
        return ownerSlashRepo.length() == slash + 1 + repo.length() && ownerSlashRepo.charAt(slash) == '/'
                && ownerSlashRepo.regionMatches(true, 0, owner, 0, slash)
                && ownerSlashRepo.regionMatches(true, slash + 1, repo, 0, repo.length());
    }

    /** {@code owner/repo/path} without the ref, in lower case. */
    public String nameWithPath() {
        return path.isEmpty() ? repository() : repository() + "/" + path.toLowerCase(Locale.ROOT);
    }

    /** Pinned to one immutable version: a full SHA, a digest, or this repository's running commit. */
    public boolean isPinned() {
        return refKind == RefKind.FULL_SHA || refKind == RefKind.DIGEST || kind == Kind.SELF;
    }

    /** Names something in the workflow's own repository ({@code ./path} or {@code $/path}). */
    public boolean isSameRepository() {
        return kind == Kind.LOCAL || kind == Kind.SELF;
    }

    public boolean isReusableWorkflow() {
        String p = path.toLowerCase(Locale.ROOT);
        return p.startsWith(".github/workflows/") && (p.endsWith(".yml") || p.endsWith(".yaml"));
    }
}
