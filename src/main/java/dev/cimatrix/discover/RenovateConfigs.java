package dev.cimatrix.discover;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether each walked repository has Renovate keep its dependencies up to date: a configuration file where Renovate
 * looks for one. Renovate's {@code github-actions} manager is on by default, so such a repository needs no Dependabot
 * entry for its actions.
 */
public final class RenovateConfigs {
    /** The files Renovate reads its repository configuration from, in its order. */
    static final List<String> FILES = List.of("renovate.json", "renovate.json5", ".github/renovate.json",
            ".github/renovate.json5", ".gitlab/renovate.json", ".gitlab/renovate.json5", ".renovaterc",
            ".renovaterc.json", ".renovaterc.json5");

    private RenovateConfigs() {
    }

    /**
     * By repository root (relative to the scan's base, "" for the base itself), the path of its Renovate configuration
     * relative to that root, or "" when it has none.
     */
    public static Map<String, String> of(Path base, Collection<String> roots) {
        Map<String, String> out = new TreeMap<>();
        for (String root : roots) {
            Path folder = root.isEmpty() ? base : base.resolve(root);
            out.put(root, FILES.stream().filter(name -> Files.isRegularFile(folder.resolve(name), LinkOption.NOFOLLOW_LINKS))
                    .findFirst().orElse(""));
        }
        return out;
    }
}
