package dev.cimatrix.detect;

import dev.cimatrix.store.DetectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** First-seen and rarity rules against the SQLite state, across separate runs on one state file. */
class BaselineTest {
    /** Shared with {@link OldestFirstTest}. */
    static final String NEW_IP = """
            title: token used from a new IP address
            id: new-ip
            logsource: {product: github, service: audit}
            detection:
              selection: {programmatic_access_type|exists: true}
              condition: selection
            cimatrix:
              firstSeen:
                key: [hashed_token]
                value: [actor_ip]
            """;

    @TempDir
    Path dir;

    private static String use(String token, String ip, String day) {
        return "{\"action\":\"git.clone\",\"actor\":\"ci\",\"programmatic_access_type\":\"OAuth access token\","
                + "\"hashed_token\":\"" + token + "\",\"actor_ip\":\"" + ip + "\",\"@timestamp\":\"" + day
                + "T10:00:00Z\"}";
    }

    private List<Alert> run(Path state, int learnDays, String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "run", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        Detector.Options options = new Detector.Options(null, learnDays, 3_600_000L, LogReader.DEFAULT_MAX_EVENT_BYTES);
        try (DetectionState store = DetectionState.open(state)) {
            Detector d = new Detector(Detection.rules(NEW_IP), options, store, a -> { });
            d.read(file, "run.jsonl", false, () -> true);
            d.finish();
            return d.alerts();
        }
    }

    @Test
    void baselineSurvivesARestart() throws IOException {
        Path state = dir.resolve("nested/state.db");
        assertThat(run(state, 0, use("T1", "1.1.1.1", "2026-01-01"), use("T1", "1.1.1.1", "2026-01-01")))
                .as("first run: the first use is new, its repeat is not").hasSize(1);
        List<Alert> second = run(state, 0, use("T1", "1.1.1.1", "2026-01-02"), use("T1", "2.2.2.2", "2026-01-02"),
                use("T2", "1.1.1.1", "2026-01-02"));
        assertThat(second).flatExtracting(Alert::events).extracting(AlertEvent::line).containsExactly(2L, 3L);
        try (DetectionState store = DetectionState.open(state)) {
            assertThat(store.baselineSize()).isEqualTo(3);
            assertThat(store.schemaVersion()).isEqualTo(DetectionState.currentSchemaVersion());
        }
    }

    @Test
    void learningPeriodRecordsWithoutAlerting() throws IOException {
        Path state = dir.resolve("learn.db");
        assertThat(run(state, 2, use("T1", "1.1.1.1", "2026-01-01"), use("T1", "2.2.2.2", "2026-01-02"))).isEmpty();
        assertThat(run(state, 2, use("T1", "2.2.2.2", "2026-01-04"), use("T1", "3.3.3.3", "2026-01-04")))
                .as("after the learning days, only the unseen value alerts").hasSize(1);
    }

    @Test
    void rarityAlertsUntilAValueIsCommon() throws IOException {
        Path state = dir.resolve("rare.db");
        String rare = NEW_IP.replace("value: [actor_ip]", "value: [actor_ip]\n    rarerThan: 2");
        Path file = Files.createTempFile(dir, "rare", ".jsonl");
        Files.writeString(file, String.join("\n", use("T", "1.1.1.1", "2026-01-01"), use("T", "1.1.1.1", "2026-01-03"),
                use("T", "1.1.1.1", "2026-01-05")) + "\n");
        try (DetectionState store = DetectionState.open(state)) {
            Detector d = new Detector(Detection.rules(rare), Detector.Options.defaults(), store, a -> { });
            d.read(file, "rare.jsonl", false, () -> true);
            assertThat(d.alerts()).flatExtracting(Alert::events).extracting(AlertEvent::line)
                    .containsExactly(1L, 2L);
        }
    }
}
