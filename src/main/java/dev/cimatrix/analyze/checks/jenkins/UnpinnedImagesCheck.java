package dev.cimatrix.analyze.checks.jenkins;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JenkinsContext;
import dev.cimatrix.analyze.checks.common.ImageFindings;
import dev.cimatrix.model.JenkinsPipeline.Image;

/**
 * A container image a Jenkinsfile runs steps in without a digest: a docker agent ({@code agent { docker { image … } }}),
 * {@code docker.image(…)}, or a Kubernetes pod's {@code containerTemplate(image: …)}.
 */
public final class UnpinnedImagesCheck implements Check {
    public static final String ID = "jenkins-unpinned-images";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void jenkins(JenkinsContext context, FindingSink findings) {
        for (Image image : context.pipeline().images()) {
            String what = switch (image.where()) {
                case "agent docker" -> "the image of a docker agent";
                case "docker.image" -> "the image of docker.image(…)";
                default -> "the image of a pod's containerTemplate";
            };
            ImageFindings.report(image.image(), what, findings);
        }
    }
}
