package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.Tactic;
import dev.cimatrix.report.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Navigator layer has the fields format 4.5 requires and names techniques and tactics of the STIX domain. */
class NavigatorLayerTest {
    private final Catalog catalog = Catalog.builtin();

    @Test
    void layerFollowsFormat45() {
        JsonNode layer = Json.mapper().readTree(new NavigatorLayer(catalog).renderCatalog(null));
        assertThat(layer.get("name").asString()).isNotBlank();
        assertThat(layer.get("versions").get("layer").asString()).isEqualTo("4.5");
        assertThat(layer.get("versions").get("navigator").asString()).isGreaterThanOrEqualTo("4.9.0");
        assertThat(layer.get("domain").asString()).isEqualTo(StixBundle.DOMAIN);
        assertThat(layer.has("customDataURL")).isFalse();
        JsonNode gradient = layer.get("gradient");
        assertThat(gradient.get("maxValue").asDouble()).isGreaterThan(gradient.get("minValue").asDouble());
        assertThat(gradient.get("colors").size()).isGreaterThanOrEqualTo(2);

        Set<String> shortNames = catalog.tactics().stream().map(Tactic::shortName).collect(Collectors.toSet());
        assertThat(layer.get("techniques")).hasSize(catalog.cells().size());
        for (JsonNode t : layer.get("techniques")) {
            assertThat(catalog.technique(t.get("techniqueID").asString())).isPresent();
            assertThat(shortNames).contains(t.get("tactic").asString());
            assertThat(t.get("score").asDouble()).isGreaterThanOrEqualTo(3);
        }
    }
}
