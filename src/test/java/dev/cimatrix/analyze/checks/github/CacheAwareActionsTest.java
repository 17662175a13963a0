package dev.cimatrix.analyze.checks.github;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CacheAwareActionsTest {
    private final CacheAwareActions data = CacheAwareActions.DATA;

    @Test
    void everyActionIsListedOnceAsOwnerRepoAndOptionalPath() {
        Set<String> seen = new HashSet<>();
        data.cacheAware.forEach(a -> {
            assertThat(seen.add(a.uses())).as("listed once: %s", a.uses()).isTrue();
            assertThat(a.uses()).matches("[a-z0-9-]+/[a-z0-9._-]+(/[a-z0-9._/-]+)?");
        });
        data.publishers.forEach(p -> assertThat(p.uses()).matches("[a-z0-9-]+/[a-z0-9._-]+(/[a-z0-9._/-]+)?"));
    }

    @Test
    void valueControlsNameTheirValues() {
        data.cacheAware.forEach(a -> a.controls().forEach(c -> {
            assertThat(c.input()).as("input of %s", a.uses()).isNotBlank();
            boolean needsValues = c.type() == CacheAwareActions.Type.ONE_OF || c.type() == CacheAwareActions.Type.CONTAINS;
            assertThat(c.values().isEmpty()).as("values of %s %s", a.uses(), c.input()).isEqualTo(!needsValues);
        }));
    }

    @Test
    void versionBoundsReadTheMajorVersionOfTags() {
        assertThat(CacheAwareActions.major("v10")).isEqualTo(10);
        assertThat(CacheAwareActions.major("v6.5.0")).isEqualTo(6);
        assertThat(CacheAwareActions.major("3.1.1")).isEqualTo(3);
        assertThat(CacheAwareActions.major("main")).isNull();
    }

    @Test
    void publishingCommandsAreRecognisedInScripts() {
        for (String script : new String[] {"npm publish --provenance", "twine upload dist/*", "uv publish -v",
                "gh release create v1 dist/*", "docker push ghcr.io/a/b:1", "./gradlew publishToMavenCentral"}) {
            assertThat(data.publishes(script)).as(script).isTrue();
        }
        for (String script : new String[] {"npm test", "npm run publish-docs-preview", "docker build ."}) {
            assertThat(data.publishes(script)).as(script).isFalse();
        }
    }
}
