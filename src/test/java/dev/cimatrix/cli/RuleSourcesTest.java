package dev.cimatrix.cli;

import dev.cimatrix.detect.Rule;
import dev.cimatrix.detect.RuleException;
import dev.cimatrix.detect.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule folders as `detect --rules` and `rules --rules` read them. */
class RuleSourcesTest {
    /** A rule on GitHub's audit log that matches one action. */
    private static String rule(String action) {
        return "title: t\nlogsource: {product: github, service: audit}\n"
                + "detection: {selection: {action: " + action + "}, condition: selection}\n";
    }

    /**
     * A folder of rules with files that are not rules at all: each is refused alone, with its line where there is
     * one, and the good rule beside them still loads.
     */
    @Test
    void hostileFilesInAFolderAreRefusedAloneAndTheOthersLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a-good.yml"), rule("x"));
        byte[] good = rule("y").getBytes(StandardCharsets.UTF_8);
        byte[] badUtf8 = new byte[good.length + 1];
        System.arraycopy(good, 0, badUtf8, 0, good.length);
        badUtf8[good.length] = (byte) 0xFF;
        Files.write(dir.resolve("b-not-utf8.yml"), badUtf8);
        Files.writeString(dir.resolve("c-deep.yml"), "title: deep\ndetection:\n  s: " + "[".repeat(20_000)
                + "]".repeat(20_000) + "\n");
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String previous = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append((previous + ", ").repeat(8)).append(previous)
                    .append("]\n");
        }
        Files.writeString(dir.resolve("d-bomb.yml"), bomb);
        Files.write(dir.resolve("e-binary.yml"), new byte[] {0, 1, 2, 3, (byte) 0xFF, 0});

        RuleSources sources = new RuleSources();
        sources.noBuiltin = true;
        sources.directories = List.of(dir);
        RuleSet set = sources.load();
        assertThat(set.rules()).extracting(Rule::title).containsExactly("t");
        assertThat(set.refused()).extracting(e -> dir.relativize(Path.of(e.file())).toString(), RuleException::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b-not-utf8.yml", 4),
                        org.assertj.core.groups.Tuple.tuple("c-deep.yml", 3),
                        org.assertj.core.groups.Tuple.tuple("d-bomb.yml", 0),
                        org.assertj.core.groups.Tuple.tuple("e-binary.yml", 1));
        assertThat(set.refused()).extracting(RuleException::getMessage).satisfiesExactly(
                m -> assertThat(m).startsWith("not valid UTF-8"),
                m -> assertThat(m).isEqualTo("nested more than " + YamlFiles.MAX_DEPTH + " levels deep"),
                m -> assertThat(m).contains("aliases"),
                m -> assertThat(m).startsWith("not a text file"));
    }

    /** A link to a rule file in a rules folder loads as the file does. */
    @Test
    void aLinkToARuleFileLoads(@TempDir Path dir) throws IOException {
        Path elsewhere = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("r.yml"), rule("x"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.createSymbolicLink(rules.resolve("linked.yml"), elsewhere);
        RuleSources sources = new RuleSources();
        sources.noBuiltin = true;
        sources.directories = List.of(rules);
        RuleSet set = sources.load();
        assertThat(set.rules()).extracting(Rule::title).containsExactly("t");
        assertThat(set.refused()).isEmpty();
    }

    /** A FIFO named as the rules would wait for a writer for ever; it is refused, as is a file over the limit. */
    @Test
    void aNamedFifoAndAnOversizedFileAreRefused(@TempDir Path dir) throws IOException, InterruptedException {
        Path fifo = dir.resolve("rules.yml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).as("mkfifo").isZero();
        Path big = Files.createDirectories(dir.resolve("big")).resolve("big.yml");
        Files.writeString(big, rule("x") + "#".repeat((int) YamlFiles.MAX_RULE_BYTES) + "\n");

        RuleSources sources = new RuleSources();
        sources.noBuiltin = true;
        sources.directories = List.of(fifo, big.getParent());
        RuleSet set = sources.load();
        assertThat(set.rules()).isEmpty();
        assertThat(set.refused()).extracting(RuleException::getMessage).containsExactly(
                "not a regular file (a device, FIFO or socket), so not read",
                "file is 10.0 MiB, over the 10 MiB limit");
    }


    /** A folder among the rules that cannot be opened is refused with the reason; the rules beside it load. */
    @Test
    void aFolderThatCannotBeOpenedIsRefusedAndTheOthersLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("good.yml"), rule("x"));
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.writeString(locked.resolve("hidden.yml"), rule("y"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "the superuser opens any folder");
            RuleSources sources = new RuleSources();
            sources.noBuiltin = true;
            sources.directories = List.of(dir);
            RuleSet set = sources.load();
            assertThat(set.rules()).extracting(Rule::title).containsExactly("t");
            assertThat(set.refused()).extracting(RuleException::file, RuleException::getMessage).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(locked.toString(),
                            "cannot be looked into (permission denied), so any rules in it were not loaded"));
            sources.directories = List.of(locked);
            assertThatThrownBy(sources::load).isInstanceOf(UsageException.class)
                    .hasMessage("--rules " + locked + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }
}
