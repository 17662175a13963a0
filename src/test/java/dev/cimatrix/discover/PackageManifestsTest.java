package dev.cimatrix.discover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PackageManifestsTest {
    @TempDir
    Path dir;

    private Path manifest(String folder, String json) throws Exception {
        Path root = Files.createDirectories(dir.resolve(folder));
        return Files.writeString(root.resolve("package.json"), json);
    }

    @Test
    void theDeclaredPackageManagerIsReadFromEitherField() throws Exception {
        manifest("a", "{\"packageManager\": \"npm@10.9.2+sha512.abc\"}");
        manifest("b", "{\"devEngines\": {\"packageManager\": [{\"name\": \"PNPM\"}, {\"name\": \"npm\"}]}}");
        manifest("c", "{\"devEngines\": {\"packageManager\": {\"name\": \"yarn\", \"version\": \"4\"}}}");
        manifest("d", "{\"name\": \"no-manager\"}");
        Files.createDirectories(dir.resolve("e"));
        assertThat(PackageManifests.of(dir, List.of("a", "b", "c", "d", "e")))
                .isEqualTo(Map.of("a", "npm", "b", "pnpm", "c", "yarn", "d", "", "e", ""));
    }

    @Test
    void aManifestThatCannotBeReadLeavesTheAnswerUnknown() throws Exception {
        manifest("broken", "{\"packageManager\": ");
        manifest("deep", "{\"a\": " + "[".repeat(100_000));
        Path big = manifest("big", "{\"packageManager\": \"npm\", \"pad\": \"" + "x".repeat((int) PackageManifests.MAX_BYTES) + "\"}");
        assertThat(Files.size(big)).isGreaterThan(PackageManifests.MAX_BYTES);
        Files.createDirectories(dir.resolve("folder/package.json"));
        assertThat(PackageManifests.of(dir, List.of("broken", "deep", "big", "folder"))).isEmpty();
        // Not an object: no field declares anything, and the rest is not read.
        manifest("list", "[" + "[".repeat(100_000));
        assertThat(PackageManifests.of(dir, List.of("list"))).isEqualTo(Map.of("list", ""));
    }
}
