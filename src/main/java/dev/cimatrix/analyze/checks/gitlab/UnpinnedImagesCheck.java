package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.ImageFindings;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.Scalar;

import java.util.regex.Pattern;

/**
 * A job, template or default image, or a service image, named without an {@code @sha256:} digest. No tag and
 * {@code latest} are reported at the catalog severity, a version tag as low, and an image built from variables or
 * inputs with low confidence, since what it names is known only when the pipeline runs.
 */
public final class UnpinnedImagesCheck implements Check {
    public static final String ID = "gitlab-unpinned-images";
    /** GitLab's hosted macOS runners take a virtual machine image by name here, not a container image. */
    private static final Pattern HOSTED_MACOS = Pattern.compile("macos-\\d+-xcode-\\d+");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void gitlab(GitlabContext context, FindingSink findings) {
        for (GitlabJob job : context.pipeline().jobs()) {
            String owner = job.label();
            if (job.image() != null) {
                inspect(job.image(), "image of " + owner, findings);
            }
            for (Scalar service : job.services()) {
                inspect(service, "service image of " + owner, findings);
            }
        }
    }

    private static void inspect(Scalar image, String what, FindingSink findings) {
        if (!HOSTED_MACOS.matcher(image.value().strip()).matches()) {
            ImageFindings.report(image, what, findings);
        }
    }
}
