package dev.cimatrix.cli;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.declared.DeclaredModelReader;
import dev.cimatrix.discover.declared.InvalidModelException;
import dev.cimatrix.model.declared.DeclaredModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --model} option of {@code paths} and {@code report}: the file given, or the one at the scanned root. */
final class DeclaredModels {
    private DeclaredModels() {
    }

    /**
     * @param option the {@code --model} value, or null
     * @return the declared model, or {@link DeclaredModel#absent()} when no option is given and the root has none
     */
    static DeclaredModel read(Path option, Path root, Catalog catalog) {
        Path file = option != null ? option : root.resolve(DeclaredModelReader.FILE_NAME);
        if (option != null && !Files.isRegularFile(option)) {
            throw new UsageException(option + ": no such model file");
        }
        if (!Files.isRegularFile(file)) {
            return DeclaredModel.absent();
        }
        String display = option != null ? option.toString().replace('\\', '/') : DeclaredModelReader.FILE_NAME;
        try {
            return DeclaredModelReader.read(file, display, catalog);
        } catch (InvalidModelException e) {
            throw new UsageException("invalid threat model:\n" + e.getMessage());
        }
    }
}
