package dev.cimatrix.discover.precommit;

import dev.cimatrix.discover.github.GithubReader;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.PreCommitConfig;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pre-commit configuration ({@code .pre-commit-config.yaml}) into the model: its hook repositories with their
 * {@code repo} and {@code rev}. A malformed entry is a warning at its position and the other entries are still read; a
 * file without a {@code repos} list is an error, as pre-commit refuses it.
 */
public final class PreCommitReader {
    private PreCommitReader() {
    }

    public static Optional<PreCommitConfig> read(YamlDocumentSet file, List<ReadProblem> problems) {
        Optional<YamlMapping> root = GithubReader.rootMapping(file, problems, "pre-commit configuration");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping map = root.get();
        Optional<YamlNode> reposNode = map.get("repos");
        if (reposNode.isEmpty() || !(reposNode.get() instanceof YamlSequence repos)) {
            problems.add(new ReadProblem(reposNode.map(YamlNode::location).orElse(map.location()),
                    "invalid pre-commit configuration: 'repos' must be a list of repositories", true));
            return Optional.empty();
        }
        List<PreCommitConfig.HookRepository> out = new ArrayList<>();
        for (YamlNode item : repos.items()) {
            if (!(item instanceof YamlMapping entry)) {
                problems.add(new ReadProblem(item.location(), "an entry of 'repos' must be a mapping", false));
                continue;
            }
            Optional<YamlScalar> url = entry.getScalar("repo");
            if (url.isEmpty() || url.get().isNull() || url.get().text().isBlank()) {
                problems.add(new ReadProblem(entry.location(), "an entry of 'repos' has no 'repo'", false));
                continue;
            }
            PreCommitConfig.HookRepository repository = new PreCommitConfig.HookRepository(scalar(url.get()),
                    entry.getScalar("rev").filter(r -> !r.isNull()).map(PreCommitReader::scalar).orElse(null),
                    entry.location());
            if (repository.cloned() && repository.rev() == null) {
                problems.add(new ReadProblem(entry.location(), "repository '" + url.get().text()
                        + "' has no 'rev'; pre-commit needs the revision to clone", false));
            }
            out.add(repository);
        }
        Location where = map.entry("repos").map(e -> e.key().location()).orElse(map.location());
        return Optional.of(new PreCommitConfig(file.path(), where, out));
    }

    private static Scalar scalar(YamlScalar s) {
        return Scalar.of(s.text(), s.location());
    }
}
