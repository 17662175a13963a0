package dev.cimatrix.catalog;

import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog is complete and consistent: the meta-test every catalog edit must pass. */
class CatalogMetaTest {
    private static final Pattern ATTACK_TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern OWASP = Pattern.compile("CICD-SEC-([1-9]|10)");
    private static final Pattern EXTENSION_ID = Pattern.compile("CICD-T1\\d{2}");

    static Catalog catalog;
    static MatrixSpec spec;

    @BeforeAll
    static void load() throws IOException {
        catalog = CatalogLoader.fromYaml();
        try (InputStream in = CatalogMetaTest.class.getResourceAsStream("/matrix/MATRIX.md")) {
            spec = MatrixSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static boolean sharedPresent() {
        return SharedData.present();
    }

    @Test
    @EnabledIf("sharedPresent")
    void testCopyOfMatrixEqualsTheSharedOne() throws IOException {
        MatrixSpec shared = MatrixSpec.parse(Files.readString(SharedData.file("MATRIX.md")));
        assertThat(spec).isEqualTo(shared);
    }

    @Test
    void theSpecIsReadWhole() {
        assertThat(spec.tactics()).hasSize(10);
        assertThat(spec.techniques()).hasSize(44);
        assertThat(spec.techniques().stream().mapToInt(r -> r.tactics().size()).sum()).isEqualTo(49);
    }

    @Test
    void tacticsEqualMatrixInOrder() {
        List<String> actual = catalog.tactics().stream().map(t -> t.id() + " " + t.name()).toList();
        List<String> expected = spec.tactics().stream().map(r -> r.id() + " " + r.name()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void techniquesEqualMatrixWithTheirCells() {
        List<String> actual = catalog.matrixTechniques().stream()
                .map(t -> t.id() + " | " + t.name() + " | " + t.tactics()).toList();
        List<String> expected = spec.techniques().stream()
                .map(r -> r.id() + " | " + r.name() + " | " + r.tactics()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(catalog.matrixCells()).hasSize(49);
    }

    @Test
    void extensionsAreMarkedAndNumberedFrom101() {
        for (Technique t : catalog.techniques()) {
            boolean extensionId = EXTENSION_ID.matcher(t.id()).matches();
            assertThat(t.isExtension()).as("%s extension flag", t.id()).isEqualTo(extensionId);
            if (t.isExtension()) {
                assertThat(t.extensionSource()).as("%s source", t.id()).isNotBlank();
            }
        }
    }

    @Test
    void everyTechniqueHasTwoPreventiveAndOneDetectiveControl() {
        List<String> short_ = new ArrayList<>();
        for (Technique t : catalog.techniques()) {
            int preventive = catalog.controlsFor(t.id(), ControlKind.PREVENTIVE).size();
            int detective = catalog.controlsFor(t.id(), ControlKind.DETECTIVE).size();
            if (preventive < 2 || detective < 1) {
                short_.add(t.id() + " has " + preventive + " preventive and " + detective + " detective");
            }
        }
        assertThat(short_).isEmpty();
    }

    @Test
    void techniquesCarryTheirReferences() {
        for (Technique t : catalog.techniques()) {
            assertThat(t.description()).as("%s description", t.id()).hasSizeGreaterThan(80);
            assertThat(t.example()).as("%s example", t.id()).hasSizeGreaterThan(30);
            assertThat(t.attack()).as("%s ATT&CK ids", t.id()).isNotEmpty()
                    .allMatch(a -> ATTACK_TECHNIQUE.matcher(a).matches());
            assertThat(t.owasp()).as("%s OWASP ids", t.id()).isNotEmpty()
                    .allMatch(o -> OWASP.matcher(o).matches());
            assertThat(t.references()).as("%s references", t.id()).isNotEmpty()
                    .allMatch(r -> r.url().startsWith("https://") || r.url().startsWith("http://"));
            t.incidents().forEach(i -> assertThat(i.year()).as("%s incident year", t.id()).isBetween(1995, 2026));
        }
    }

    @Test
    void poisonedPipelineExecutionIsMappedToAttack() {
        assertThat(catalog.technique("CICD-T016").orElseThrow().attack()).contains("T1677");
    }

    @Test
    void everyDetectiveControlNamesKnownLogSourcesWithEvidence() {
        for (Control c : catalog.controls()) {
            if (c.kind() == ControlKind.DETECTIVE) {
                assertThat(c.logSources()).as("%s log sources", c.id()).isNotEmpty();
                for (LogSourceUse use : c.logSources()) {
                    assertThat(catalog.logSource(use.source())).as("%s names %s", c.id(), use.source()).isPresent();
                    assertThat(use.events().size() + use.fields().size())
                            .as("%s says which events or fields of %s reveal it", c.id(), use.source()).isPositive();
                }
            } else {
                assertThat(c.logSources()).as("%s is preventive", c.id()).isEmpty();
            }
        }
    }

    @Test
    void controlIdsFollowTheirKindAndAreSequential() {
        for (ControlKind kind : ControlKind.values()) {
            String prefix = kind == ControlKind.PREVENTIVE ? "CICD-M" : "CICD-D";
            List<Control> ofKind = catalog.controls().stream().filter(c -> c.kind() == kind).toList();
            for (int i = 0; i < ofKind.size(); i++) {
                assertThat(ofKind.get(i).id()).isEqualTo(String.format("%s%03d", prefix, i + 1));
            }
        }
    }

    @Test
    void everyReferencedIdExists() {
        for (Control c : catalog.controls()) {
            assertThat(c.techniques()).as("%s techniques", c.id()).isNotEmpty()
                    .allMatch(id -> catalog.technique(id).isPresent());
        }
        for (Technique t : catalog.techniques()) {
            assertThat(t.tactics()).allMatch(id -> catalog.tactic(id).isPresent());
        }
    }

    @Test
    void nothingIsOrphaned() {
        Set<String> usedSources = new HashSet<>();
        catalog.controls().forEach(c -> usedSources.addAll(c.logSourceIds()));
        assertThat(catalog.logSources()).allSatisfy(s -> assertThat(usedSources).as("log source %s used", s.id()).contains(s.id()));
        assertThat(catalog.tactics()).allSatisfy(t -> assertThat(catalog.cellsOf(t, false)).as("tactic %s", t.id()).isNotEmpty());
        assertThat(catalog.controls()).allSatisfy(c -> assertThat(c.techniques()).isNotEmpty());
    }

    @Test
    void registryInjectionCarriesTheCredentialMeaning() {
        Technique t = catalog.technique("CICD-T032").orElseThrow();
        assertThat(t.tactics()).containsExactly("CRED");
        assertThat(t.description().toLowerCase()).contains("credential");
    }
}
