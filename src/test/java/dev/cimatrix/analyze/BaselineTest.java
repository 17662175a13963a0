package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineTest {
    @TempDir
    Path dir;

    private static Finding finding(String check, String path, String fingerprint) {
        return new Finding(check, "t", "m", Severity.HIGH, Confidence.HIGH, Location.line(path, 3, "jobs.a"),
                List.of(), List.of("EXEC/CICD-T016"), "", fingerprint, Map.of());
    }

    @Test
    void writesSortedDeduplicatedEntriesAndReadsThemBack() throws IOException {
        Baseline baseline = Baseline.of(List.of(finding("b-check", "z.yml", "f3"), finding("a-check", "a.yml", "f2"),
                finding("b-check", "a.yml", "f1"), finding("b-check", "a.yml", "f1")));
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, baseline.toJson());
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "version" : 1,
                  "fingerprints" : [ {
                    "fingerprint" : "f2",
                    "check" : "a-check",
                    "path" : "a.yml"
                  }, {
                    "fingerprint" : "f1",
                    "check" : "b-check",
                    "path" : "a.yml"
                  }, {
                    "fingerprint" : "f3",
                    "check" : "b-check",
                    "path" : "z.yml"
                  } ]
                }
                """);
        Baseline read = Baseline.read(file);
        assertThat(read).isEqualTo(baseline);
        assertThat(read.fingerprints()).containsExactly("f2", "f1", "f3");
    }

    @Test
    void entriesNeedOnlyAFingerprint() throws IOException {
        Path file = dir.resolve("b.json");
        Files.writeString(file, "{\"version\": 1, \"fingerprints\": [{\"fingerprint\": \"f1\"}]}");
        assertThat(Baseline.read(file).fingerprints()).containsExactly("f1");
    }

    @Test
    void aFileOfAnotherFormatOrVersionSaysWhatIsWrong() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "fingerprints: []");
        Path otherVersion = Files.writeString(dir.resolve("b.json"), "{\"version\": 2, \"fingerprints\": []}");
        Path noFingerprint = Files.writeString(dir.resolve("c.json"), "{\"version\": 1, \"fingerprints\": [{\"check\": \"x\"}]}");
        Path sarif = Files.writeString(dir.resolve("d.json"), "{\"version\": \"2.1.0\", \"runs\": []}");
        assertThatThrownBy(() -> Baseline.read(notJson)).isInstanceOf(IOException.class)
                .hasMessage(notJson + " is not a cimatrix baseline: not valid JSON at line 1, column 1");
        Path cutShort = Files.writeString(dir.resolve("e.json"), "{\"version\": 1,\n  \"fingerprints\": [");
        assertThatThrownBy(() -> Baseline.read(cutShort))
                .hasMessage(cutShort + " is not a cimatrix baseline: not valid JSON at line 2, column 20");
        assertThatThrownBy(() -> Baseline.read(otherVersion)).hasMessageContaining("version 2").hasMessageContaining("reads version 1");
        assertThatThrownBy(() -> Baseline.read(noFingerprint)).hasMessageContaining("entry 1 has no fingerprint");
        assertThatThrownBy(() -> Baseline.read(sarif)).hasMessageContaining("not a cimatrix baseline");
        assertThatThrownBy(() -> Baseline.read(dir.resolve("missing.json"))).isInstanceOf(IOException.class);
        Path noVersion = Files.writeString(dir.resolve("f.json"), "{\"fingerprints\": []}");
        assertThatThrownBy(() -> Baseline.read(noVersion))
                .hasMessage(noVersion + " is a baseline without a version; this cimatrix reads version 1");
        Path notUtf8 = Files.write(dir.resolve("g.json"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'});
        assertThatThrownBy(() -> Baseline.read(notUtf8))
                .hasMessage(notUtf8 + " is not a cimatrix baseline: not valid JSON at line 1, column 8");
    }
}
