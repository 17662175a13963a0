package dev.cimatrix.catalog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact form of the catalog holds exactly what the YAML files say, and only for those files. */
class CatalogCodecTest {
    private static final Catalog YAML = CatalogLoader.fromYaml();

    private static void assertSame(Catalog actual, Catalog expected) {
        assertThat(actual.tactics()).isEqualTo(expected.tactics());
        assertThat(actual.techniques()).isEqualTo(expected.techniques());
        assertThat(actual.controls()).isEqualTo(expected.controls());
        assertThat(actual.logSources()).isEqualTo(expected.logSources());
        assertThat(actual.checks()).isEqualTo(expected.checks());
        assertThat(actual.cells()).isEqualTo(expected.cells());
    }

    @Test
    void aRoundTripGivesTheCatalogBack() {
        Catalog decoded = CatalogCodec.decode(CatalogCodec.encode(YAML, 42), 42);
        assertThat(decoded).isNotNull();
        assertSame(decoded, YAML);
    }

    @Test
    void aFormMadeFromOtherYamlIsIgnored() {
        assertThat(CatalogCodec.decode(CatalogCodec.encode(YAML, 42), 43)).isNull();
        assertThat(CatalogCodec.decode(new byte[] {1, 2, 3}, 42)).isNull();
    }

    @Test
    void theChecksumFollowsEveryByteOfTheYaml() {
        long a = CatalogCodec.checksum(name -> new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)));
        long b = CatalogCodec.checksum(name -> new ByteArrayInputStream((name + (name.equals(CatalogLoader.CHECKS) ? " " : ""))
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(a).isNotEqualTo(b);
        assertThat(CatalogCodec.checksum(name -> null)).isEqualTo(-1);
    }

    /** The build makes the compact form; a run reads the catalog from it, and it says what the YAML says. */
    @Test
    void theBuiltInCatalogComesFromTheBuildsCompactForm() {
        Catalog compact = CatalogCodec.readBuiltin();
        assertThat(compact).as("the build's catalog/catalog.bin (exec-maven-plugin, process-classes)").isNotNull();
        assertSame(compact, YAML);
        assertSame(CatalogLoader.fromClasspath(), YAML);
    }
}
