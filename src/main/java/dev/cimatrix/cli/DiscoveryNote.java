package dev.cimatrix.cli;

import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Platform;
import dev.cimatrix.model.SourceFile;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The line a command that reads CI/CD definitions prints on standard error when what it read may not be what the
 * user meant: nothing at all (most often the wrong folder, or a repository of a platform not read yet), or files of
 * platforms not read yet beside the ones it read.
 */
final class DiscoveryNote {
    private static final String LOOKS_FOR = "it reads .github/workflows/*.yml and *.yaml, action.yml and action.yaml, "
            + ".gitlab-ci.yml and *.gitlab-ci.yml with the files they include, azure-pipelines*.yml and the files in "
            + "azure-pipelines/ with the templates they take in, .circleci/config.yml, bitbucket-pipelines.yml, "
            + "Jenkinsfile, Jenkinsfile.*, *.jenkinsfile and vars/*.groovy, .github/dependabot.yml, "
            + ".pre-commit-config.yaml, and *.tf files (name other files with --platform github-actions, gitlab-ci, "
            + "azure-pipelines, circleci, bitbucket or jenkins)";

    private DiscoveryNote() {
    }

    /** Prints the notes, if there are any, on the command's standard error after its name. */
    static void print(CommandSpec spec, List<Path> targets, Inventory inventory) {
        of(targets, inventory).ifPresent(note -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + note));
        gitIgnored(inventory).ifPresent(note -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + note));
    }

    /** Definition files left out because git ignores them, so a reader who expected them knows why. */
    static Optional<String> gitIgnored(Inventory inventory) {
        List<String> ignored = inventory.gitIgnored();
        if (ignored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("left out " + (ignored.size() == 1 ? "1 definition file" : ignored.size() + " definition files")
                + " that git ignores (" + ignored.get(0) + (ignored.size() > 1 ? " and " + (ignored.size() - 1) + " more" : "")
                + "); --no-gitignore reads them");
    }

    static Optional<String> of(List<Path> targets, Inventory inventory) {
        if (inventory.files().isEmpty() && inventory.unread().isEmpty()) {
            return Optional.of("no CI/CD definitions found under "
                    + targets.stream().map(Path::toString).collect(Collectors.joining(", ")) + "; " + LOOKS_FOR);
        }
        if (inventory.files().isEmpty()) {
            return Optional.of("found definitions of " + describe(inventory.unread())
                    + ", which this version does not read yet; " + LOOKS_FOR);
        }
        if (!inventory.unread().isEmpty()) {
            return Optional.of("also found definitions of " + describe(inventory.unread())
                    + ", which this version does not read yet");
        }
        return Optional.empty();
    }

    /** Files by platform, in the platforms' order: "Travis CI (.travis.yml), Drone (.drone.yml and 2 more)". */
    private static String describe(List<SourceFile> files) {
        Map<Platform, List<String>> byPlatform = new EnumMap<>(Platform.class);
        files.forEach(f -> byPlatform.computeIfAbsent(f.platform(), k -> new ArrayList<>()).add(f.path()));
        return byPlatform.entrySet().stream().map(e -> e.getKey().label() + " (" + e.getValue().get(0)
                        + (e.getValue().size() > 1 ? " and " + (e.getValue().size() - 1) + " more" : "") + ")")
                .collect(Collectors.joining(", "));
    }
}
