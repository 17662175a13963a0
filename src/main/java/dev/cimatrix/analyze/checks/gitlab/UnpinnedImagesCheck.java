package dev.cimatrix.analyze.checks.gitlab;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.GitlabContext;
import dev.cimatrix.analyze.checks.common.ImageRef;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.GitlabJob;
import dev.cimatrix.model.Scalar;

import java.util.Locale;
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
        String text = image.value().strip();
        if (text.isEmpty() || HOSTED_MACOS.matcher(text).matches()) {
            return;
        }
        ImageRef ref = ImageRef.parse(text);
        if (ref.isPinned()) {
            return;
        }
        if (text.contains("$")) {
            findings.at(image.location())
                    .message(what + " '" + text + "' is built from variables or inputs, so whether it is pinned is known "
                            + "only when the pipeline runs; pin each image it can name by digest (@sha256:…)")
                    .subject(text).severity(Severity.MEDIUM).confidence(Confidence.LOW)
                    .property("pin", "unknown").report();
            return;
        }
        var finding = findings.at(image.location())
                .message(what + " '" + text + "' " + ref.problem() + "; pin it by digest (@sha256:…)")
                .subject(text);
        if (ref.pin() == ImageRef.Pin.TAG) {
            finding.severity(Severity.LOW);
        }
        finding.property("pin", ref.pin().name().toLowerCase(Locale.ROOT)).report();
    }
}
