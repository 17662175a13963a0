package dev.cimatrix.store;

import dev.cimatrix.detect.Detector;
import dev.cimatrix.detect.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Baseline counts kept in memory during a run must read and land in the file exactly as counted row by row. */
class DetectionStateTest {
    @TempDir
    Path dir;

    @Test
    void observationsCountAcrossRunsAndCacheEvictions() throws Exception {
        Path file = dir.resolve("state.db");
        List<Long> before = new ArrayList<>();
        // A cache of two entries is emptied again and again, so counts must come back from the file.
        try (DetectionState s = DetectionState.open(file, 2)) {
            before.add(s.observe("r", "k", "a", 50));
            before.add(s.observe("r", "k", "b", 40));
            before.add(s.observe("r", "k", "c", 30));
            before.add(s.observe("r", "k", "a", 20));
            before.add(s.observe("r", "k", "a", 60));
            before.add(s.observe("other", "k", "a", 10));
            assertThat(s.baselineSize()).isEqualTo(4);
        }
        assertThat(before).containsExactly(0L, 0L, 0L, 1L, 2L, 0L);
        try (DetectionState s = DetectionState.open(file)) {
            assertThat(s.observe("r", "k", "a", 70)).isEqualTo(3);
            assertThat(s.observe("r", "k", "d", 70)).isZero();
            assertThat(s.observe("r", "k", "b", 5)).isEqualTo(1);
        }
        assertThat(rows(file)).containsExactly(
                "other|k|a|10|10|1", "r|k|a|20|70|4", "r|k|b|5|40|2", "r|k|c|30|30|1", "r|k|d|70|70|1");
    }

    @Test
    void valuesThatWouldJoinAlikeStayApart() throws Exception {
        Path file = dir.resolve("apart.db");
        try (DetectionState s = DetectionState.open(file)) {
            assertThat(s.observe("r", "a\u0000b", "c", 1)).isZero();
            assertThat(s.observe("r", "a", "b\u0000c", 1)).isZero();
        }
        assertThat(rows(file)).hasSize(2);
    }

    /**
     * A slow stream of observations reaches the file within the commit interval, not only after thousands of them:
     * what another connection reads while the store is still open is what a killed process would have left.
     */
    @Test
    void observationsAreCommittedOnceTheIntervalHasPassed() throws Exception {
        Path file = dir.resolve("slow.db");
        try (DetectionState s = DetectionState.open(file)) {
            s.observe("r", "k", "a", 1);
            s.commitIfDue();
            assertThat(rows(file)).as("within the interval, still uncommitted").isEmpty();
            s.commitAfter(Duration.ZERO);
            s.observe("r", "k", "b", 2);
            s.commitIfDue();
            assertThat(rows(file)).containsExactly("r|k|a|1|1|1", "r|k|b|2|2|1");
        }
    }

    @Test
    void observationsLookWhetherACommitIsDueThemselves() throws Exception {
        Path file = dir.resolve("busy.db");
        try (DetectionState s = DetectionState.open(file)) {
            s.commitAfter(Duration.ZERO);
            for (int i = 0; i < DetectionState.CHECK_EVERY; i++) {
                s.observe("r", "k", "v" + i, i);
            }
            assertThat(rows(file)).hasSize(DetectionState.CHECK_EVERY);
        }
    }

    @Test
    void aFollowedLogCommitsWhatItLearnsWithoutWaitingForItsEnd() throws Exception {
        Path log = dir.resolve("follow.jsonl");
        Files.writeString(log, "{\"action\":\"git.clone\",\"programmatic_access_type\":\"OAuth access token\","
                + "\"hashed_token\":\"T1\",\"actor_ip\":\"1.1.1.1\",\"@timestamp\":\"2026-01-01T10:00:00Z\"}\n");
        // The built-in pack, whose "token used from a new address" rule learns each token's addresses.
        RuleSet rules = RuleSet.builder().builtin().build();
        assertThat(rules.refused()).isEmpty();
        Path file = dir.resolve("follow.db");
        List<List<String>> committedWhenWaiting = new ArrayList<>();
        try (DetectionState s = DetectionState.open(file)) {
            s.commitAfter(Duration.ZERO);
            Detector detector = new Detector(rules, Detector.Options.defaults(), s, alert -> { });
            detector.read(log, "follow.jsonl", true, () -> {
                try {
                    committedWhenWaiting.add(rows(file));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return true;
            });
        }
        assertThat(committedWhenWaiting).as("the reader waited for more lines").isNotEmpty();
        assertThat(committedWhenWaiting.get(0)).singleElement().asString().contains("|T1|1.1.1.1|");
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndLeftUnchanged() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE baseline (x)");
            s.execute("INSERT INTO baseline VALUES (1)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> DetectionState.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open state store " + file)
                .hasMessageContaining("not a cimatrix state file")
                .hasMessageContaining("(baseline)");
        assertThat(Files.readAllBytes(file)).as("the file is not changed").isEqualTo(before);
        assertThat(Files.exists(dir.resolve("other.db-wal"))).isFalse();
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.db"), "these are notes, not a database\n".repeat(100));
        assertThatThrownBy(() -> DetectionState.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open state store " + file)
                .hasMessageContaining("not a database");
        assertThat(Files.readString(file)).startsWith("these are notes");
    }

    @Test
    void aStateFromANewerCimatrixIsRefused() throws Exception {
        Path file = dir.resolve("newer.db");
        try (DetectionState s = DetectionState.open(file)) {
            assertThat(s.schemaVersion()).isEqualTo(DetectionState.currentSchemaVersion());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version) VALUES (" + (DetectionState.currentSchemaVersion() + 1) + ")");
        }
        assertThatThrownBy(() -> DetectionState.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this cimatrix knows");
        // The refusal released the file: a later open by this process meets the same refusal, not a wait.
        assertThatThrownBy(() -> DetectionState.open(file)).hasMessageContaining("newer than this cimatrix knows");
    }

    private static List<String> rows(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT rule, key, value, first_seen, last_seen, count FROM baseline "
                     + "ORDER BY rule, key, value")) {
            while (r.next()) {
                out.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getLong(4) + "|"
                        + r.getLong(5) + "|" + r.getLong(6));
            }
        }
        return out;
    }
}
