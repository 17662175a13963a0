package dev.cimatrix.discover;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code owner/name} of the repository a scanned folder is a clone of, from the URL of its git remote
 * ({@code origin}, or the only remote), read with JGit's configuration parser. It tells a reference to the
 * repository's own workflows by full name ({@code owner/name/.github/workflows/x.yml@main}) from one to another
 * repository. Unknown outside a working tree, without a remote, or for a URL without an owner and a name.
 */
public final class RepositoryName {
    /** A configuration larger than this is not read: a clone's is a few hundred bytes. */
    static final long MAX_CONFIG_BYTES = 1 << 20;
    /** The path of a remote URL: after {@code host/} or {@code host:}, ending in owner and name. */
    private static final Pattern OWNER_AND_NAME = Pattern.compile(
            "(?:^[a-z][a-z0-9+.-]*://[^/]+/|^[^/:@]+@[^/:]+:|^[^/:@]+:(?!//))(?:.*/)?([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\\.git)?/?$");

    private RepositoryName() {
    }

    /** The repository the folder (absolute) belongs to, when its working tree's remote says. */
    public static Optional<String> of(Path folder) {
        return WorkTree.of(folder).flatMap(top -> configOf(top.resolve(".git")))
                .flatMap(RepositoryName::remoteUrl).flatMap(RepositoryName::fromUrl);
    }

    /** The configuration file of a working tree: in its .git folder, or where a .git file points (worktrees). */
    private static Optional<Path> configOf(Path dotGit) {
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(dotGit.resolve("config"));
        }
        try {
            if (Files.size(dotGit) > 4096) {
                return Optional.empty();
            }
            String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("gitdir:")) {
                return Optional.empty();
            }
            Path gitDir = dotGit.getParent().resolve(text.substring("gitdir:".length()).strip()).normalize();
            // A linked worktree keeps its configuration in the main repository, named by its commondir file.
            Path common = gitDir.resolve("commondir");
            if (Files.isRegularFile(common) && Files.size(common) < 4096) {
                gitDir = gitDir.resolve(Files.readString(common, StandardCharsets.UTF_8).strip()).normalize();
            }
            return Optional.of(gitDir.resolve("config"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> remoteUrl(Path configFile) {
        try {
            if (!Files.isRegularFile(configFile) || Files.size(configFile) > MAX_CONFIG_BYTES) {
                return Optional.empty();
            }
            Config config = new Config();
            config.fromText(Files.readString(configFile, StandardCharsets.UTF_8));
            Set<String> remotes = config.getSubsections("remote");
            String remote = remotes.contains("origin") ? "origin" : remotes.size() == 1 ? remotes.iterator().next() : null;
            return remote == null ? Optional.empty() : Optional.ofNullable(config.getString("remote", remote, "url"));
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code owner/name} from a remote URL: {@code https://github.com/owner/name.git},
     * {@code git@github.com:owner/name.git}, {@code ssh://git@ghe.example.com:22/owner/name}.
     */
    static Optional<String> fromUrl(String url) {
        Matcher m = OWNER_AND_NAME.matcher(url.strip());
        if (!m.matches() || m.group(2).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + "/" + m.group(2));
    }
}
