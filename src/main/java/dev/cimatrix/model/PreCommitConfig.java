package dev.cimatrix.model;

import java.util.List;
import java.util.Locale;

/**
 * A pre-commit configuration ({@code .pre-commit-config.yaml}): the repositories whose hooks pre-commit clones and runs
 * on every commit and wherever a workflow runs it. Its location is its {@code repos} key.
 */
public record PreCommitConfig(String path, Location location, List<HookRepository> repositories) {
    public PreCommitConfig {
        repositories = List.copyOf(repositories);
    }

    /**
     * One entry of {@code repos}.
     *
     * @param url      {@code repo} as written: a URL or path to clone, or {@code local} or {@code meta}
     * @param rev      {@code rev} as written; null when absent (it is required for a repository to clone)
     * @param location the entry
     */
    public record HookRepository(Scalar url, Scalar rev, Location location) {
        /** Whether the hooks come from a repository pre-commit clones, rather than this one or pre-commit itself. */
        public boolean cloned() {
            String repo = url.value().strip().toLowerCase(Locale.ROOT);
            return !repo.equals("local") && !repo.equals("meta");
        }
    }
}
