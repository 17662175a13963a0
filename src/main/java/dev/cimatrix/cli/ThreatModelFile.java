package dev.cimatrix.cli;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.declared.DeclaredModelReader;
import dev.cimatrix.discover.declared.InvalidModelException;
import dev.cimatrix.model.declared.DeclaredModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and reads the threat-model file of a command: the one named, else the one at the scanned root. */
final class ThreatModelFile {
    private ThreatModelFile() {
    }

    /** The declared model, {@link DeclaredModel#absent()} when there is no file; a bad file is a usage error. */
    static DeclaredModel read(Path named, Path root, Catalog catalog) {
        if (named != null) {
            UsageException.requireFile(named, "model");
        }
        Path file = named != null ? named : root.resolve(DeclaredModelReader.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return DeclaredModel.absent();
        }
        String display = named != null ? named.toString().replace('\\', '/') : DeclaredModelReader.FILE_NAME;
        try {
            return DeclaredModelReader.read(file, display, catalog);
        } catch (InvalidModelException e) {
            throw new UsageException("invalid threat model:\n" + e.getMessage());
        }
    }
}
