package dev.cimatrix.analyze.checks.common;

import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Scalar;

import java.util.Locale;

/**
 * The finding of a CI image named without an {@code @sha256:} digest, alike for every platform: no tag and
 * {@code latest} at the check's severity, a version tag as low, and an image built from variables, inputs or
 * parameters with low confidence, since what it names is known only when the pipeline runs.
 */
public final class ImageFindings {
    private ImageFindings() {
    }

    /**
     * Reports the image unless it is pinned.
     *
     * @param what the image's place, for the message: "image of job 'build'"
     */
    public static void report(Scalar image, String what, FindingSink findings) {
        String text = image.value().strip();
        if (text.isEmpty()) {
            return;
        }
        ImageRef ref = ImageRef.parse(text);
        if (ref.isPinned()) {
            return;
        }
        if (text.contains("$") || text.contains("<<")) {
            findings.at(image.location())
                    .message(what + " '" + text + "' is built from variables or template values, so whether it is "
                            + "pinned is known only when the pipeline runs; pin each image it can name by digest (@sha256:…)")
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
