package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Workflows written as a repository's ({@code <folder>/.github/workflows/<name>}), read and checked together. */
public final class WorkflowFiles {
    private WorkflowFiles() {
    }

    /** Writes each workflow under {@code root/folder/.github/workflows} and reads them all, from {@code root}. */
    public static Inventory read(Path root, String folder, Map<String, String> workflows) throws Exception {
        Path directory = root.resolve(folder).resolve(".github/workflows");
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        for (var workflow : workflows.entrySet()) {
            Path file = directory.resolve(workflow.getKey());
            Files.writeString(file, workflow.getValue());
            files.add(file);
        }
        return new Discovery().discover(root, files, null);
    }

    /** The findings of one check, in the auditor profile, over workflows of a repository at {@code root}. */
    public static List<Finding> scan(Path root, Check check, Map<String, String> workflows) throws Exception {
        return check(read(root, "", workflows), check);
    }

    /** The findings of one check, in the auditor profile. */
    public static List<Finding> check(Inventory inventory, Check check) {
        return new Analyzer(Catalog.builtin(), List.of(check), ScanConfig.defaults(), Profile.AUDITOR, Set.of())
                .analyze(inventory).findings();
    }
}
