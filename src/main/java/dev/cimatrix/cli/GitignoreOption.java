package dev.cimatrix.cli;

import dev.cimatrix.discover.Discovery;
import picocli.CommandLine.Option;

/** {@code --no-gitignore}, for the commands that search folders for CI/CD definitions. */
final class GitignoreOption {
    @Option(names = "--no-gitignore", description = "Also read the definition files that git ignores (.gitignore "
            + "and .git/info/exclude), such as copies in build outputs. By default a folder inside a git working tree "
            + "is searched as git sees it; named files are always read.")
    boolean noGitignore;

    /** A discovery that searches folders as this option says. */
    Discovery discovery() {
        return new Discovery().gitignore(!noGitignore);
    }
}
