package dev.cimatrix.report.matrix;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.ControlKind;
import dev.cimatrix.catalog.Technique;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STIX bundle holds the properties STIX 2.1 requires of every object type it uses (common properties
 * of SDOs and SROs, per-type required properties, identifier and timestamp formats), and the ATT&CK data
 * model's links that Navigator reads.
 */
class StixBundleTest {
    private static final Pattern ID = Pattern.compile(
            "^[a-z][a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "identity", List.of("name"),
            "attack-pattern", List.of("name"),
            "course-of-action", List.of("name"),
            "relationship", List.of("relationship_type", "source_ref", "target_ref"),
            "x-mitre-tactic", List.of("name", "x_mitre_shortname"),
            "x-mitre-matrix", List.of("name", "tactic_refs"),
            "x-mitre-data-source", List.of("name"));

    private final Catalog catalog = Catalog.builtin();
    private final JsonNode bundle = new StixBundle(catalog).tree();

    @Test
    void bundleHasTypeIdAndObjects() {
        assertThat(bundle.get("type").asString()).isEqualTo("bundle");
        assertThat(bundle.get("id").asString()).matches(ID).startsWith("bundle--");
        assertThat(bundle.get("objects").size()).isPositive();
    }

    @Test
    void everyObjectHasTheCommonAndTypeSpecificRequiredProperties() {
        Set<String> ids = new HashSet<>();
        for (JsonNode o : bundle.get("objects")) {
            String type = o.get("type").asString();
            assertThat(REQUIRED).as("known type %s", type).containsKey(type);
            assertThat(o.get("spec_version").asString()).isEqualTo("2.1");
            assertThat(o.get("id").asString()).matches(ID).startsWith(type + "--");
            assertThat(ids.add(o.get("id").asString())).as("unique id %s", o.get("id")).isTrue();
            assertThat(o.get("created").asString()).matches(TIMESTAMP);
            assertThat(o.get("modified").asString()).matches(TIMESTAMP);
            for (String property : REQUIRED.get(type)) {
                assertThat(o.has(property)).as("%s of %s", property, o.get("id")).isTrue();
            }
            if (o.has("external_references")) {
                for (JsonNode ref : o.get("external_references")) {
                    assertThat(ref.has("source_name")).isTrue();
                    assertThat(ref.has("external_id") || ref.has("url") || ref.has("description")).isTrue();
                }
            }
            if (o.has("kill_chain_phases")) {
                assertThat(o.get("kill_chain_phases").size()).isPositive();
                o.get("kill_chain_phases").forEach(p -> assertThat(p.has("kill_chain_name") && p.has("phase_name")).isTrue());
            }
        }
    }

    @Test
    void referencesPointAtObjectsInTheBundle() {
        Map<String, JsonNode> byId = new HashMap<>();
        bundle.get("objects").forEach(o -> byId.put(o.get("id").asString(), o));
        for (JsonNode o : bundle.get("objects")) {
            if (o.has("created_by_ref")) {
                assertThat(byId).containsKey(o.get("created_by_ref").asString());
            }
            if (o.get("type").asString().equals("relationship")) {
                assertThat(byId.get(o.get("source_ref").asString()).get("type").asString()).isEqualTo("course-of-action");
                assertThat(byId.get(o.get("target_ref").asString()).get("type").asString()).isEqualTo("attack-pattern");
            }
            if (o.get("type").asString().equals("x-mitre-matrix")) {
                assertThat(o.get("tactic_refs")).hasSize(10);
                o.get("tactic_refs").forEach(ref -> assertThat(byId.get(ref.asString()).get("type").asString())
                        .isEqualTo("x-mitre-tactic"));
            }
        }
    }

    @Test
    void techniquesSitUnderTheirTacticsAndCarryTheirIds() {
        Map<String, String> shortNames = new HashMap<>();
        bundle.get("objects").forEach(o -> {
            if (o.get("type").asString().equals("x-mitre-tactic")) {
                shortNames.put(o.get("external_references").get(0).get("external_id").asString(),
                        o.get("x_mitre_shortname").asString());
            }
        });
        int patterns = 0;
        for (JsonNode o : bundle.get("objects")) {
            if (!o.get("type").asString().equals("attack-pattern")) {
                continue;
            }
            patterns++;
            String id = o.get("external_references").get(0).get("external_id").asString();
            Technique t = catalog.technique(id).orElseThrow();
            assertThat(o.get("name").asString()).isEqualTo(t.name());
            List<String> phases = o.get("kill_chain_phases").valueStream().map(p -> p.get("phase_name").asString()).toList();
            assertThat(phases).containsExactlyElementsOf(t.tactics().stream().map(shortNames::get).toList());
        }
        assertThat(patterns).isEqualTo(catalog.techniques().size());
    }

    @Test
    void controlsMitigateOrDetectTheirTechniques() {
        long mitigates = 0;
        long detects = 0;
        for (JsonNode o : bundle.get("objects")) {
            if (o.get("type").asString().equals("relationship")) {
                if (o.get("relationship_type").asString().equals("mitigates")) {
                    mitigates++;
                } else if (o.get("relationship_type").asString().equals("detects")) {
                    detects++;
                }
            }
        }
        long expectedMitigates = catalog.controls().stream().filter(c -> c.kind() == ControlKind.PREVENTIVE)
                .mapToLong(c -> c.techniques().size()).sum();
        long expectedDetects = catalog.controls().stream().filter(c -> c.kind() == ControlKind.DETECTIVE)
                .mapToLong(c -> c.techniques().size()).sum();
        assertThat(mitigates).isEqualTo(expectedMitigates);
        assertThat(detects).isEqualTo(expectedDetects);
    }

    @Test
    void idsAreStableAcrossRuns() {
        assertThat(StixBundle.id("attack-pattern", "CICD-T016")).isEqualTo(StixBundle.id("attack-pattern", "CICD-T016"))
                .isNotEqualTo(StixBundle.id("attack-pattern", "CICD-T015"));
        assertThat(new StixBundle(catalog).render()).isEqualTo(new StixBundle(catalog).render());
    }
}
