package dev.cimatrix.analyze.checks.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePushesTest {
    private static final String SCRIPT = """
            docker build -t app .
            docker push ghcr.io/acme/app:1.2
            docker image push --all-tags "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"
            docker push ghcr.io/acme/tool:${TAG}
            docker push '${REGISTRY}/web'
            echo docker pushed
            """;

    @Test
    void pushedNamesAsWrittenQuotedOrNot() {
        assertThat(ImagePushes.in(SCRIPT)).containsExactly("ghcr.io/acme/app:1.2", "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA",
                "ghcr.io/acme/tool:${TAG}", "${REGISTRY}/web");
    }

    /** A name is literal up to its first variable; one that starts with a variable names no image of its own. */
    @Test
    void literalNamesStopAtTheFirstVariable() {
        assertThat(ImagePushes.literalIn(SCRIPT)).containsExactly("ghcr.io/acme/app:1.2", "ghcr.io/acme/tool:");
        assertThat(ImagePushes.in("docker ps && push")).isEmpty();
    }
}
