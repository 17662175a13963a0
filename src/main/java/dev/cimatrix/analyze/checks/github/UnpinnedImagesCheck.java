package dev.cimatrix.analyze.checks.github;

import dev.cimatrix.analyze.ActionContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.JobContext;
import dev.cimatrix.analyze.StepContext;
import dev.cimatrix.analyze.checks.common.ImageRef;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Container;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.Job;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Container images that a job, a service, a {@code docker://} step or a Docker action runs without a digest.
 * No tag and {@code latest} are reported at the catalog severity; a version tag, which is mutable but
 * conventionally a release, is low. An image chosen at run time is reported with low confidence; the values
 * of a matrix axis are checked one by one.
 */
public final class UnpinnedImagesCheck implements Check {
    public static final String ID = "gha-unpinned-images";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void job(JobContext context, FindingSink findings) {
        Job job = context.job();
        var own = own(context.inventory(), context.derived(), context.workflow().path());
        if (job.container() != null) {
            inspect(job.container().image(), "job container image", job, own, findings);
        }
        for (Container service : job.services()) {
            inspect(service.image(), "image of service '" + service.name() + "'", job, own, findings);
        }
    }

    @Override
    public void step(StepContext context, FindingSink findings) {
        ActionRef uses = context.step().uses();
        if (uses != null && uses.kind() == ActionRef.Kind.DOCKER) {
            Scalar reference = Scalar.of(uses.raw(), uses.location());
            if (uses.raw().contains("${{")) {
                report(findings, uses.location(), null, "step image '" + uses.raw().strip()
                        + "' is chosen at run time, so whether it is pinned cannot be known", uses.raw().strip(), null);
                return;
            }
            String path = context.inAction() ? context.action().path() : context.workflow().path();
            inspect(reference, "step image", context.job(), own(context.inventory(), context.derived(), path), findings);
        }
    }

    @Override
    public void action(ActionContext context, FindingSink findings) {
        Scalar image = context.action().image();
        if (context.action().isDocker() && image != null && image.value().strip().startsWith("docker://")) {
            inspect(image, "action image", null, own(context.inventory(), context.derived(), context.action().path()),
                    findings);
        }
    }

    /** Which workflow of the file's repository pushes an image, if one does. */
    private static Function<ImageRef, Optional<String>> own(Inventory inventory, Derived derived, String path) {
        return ref -> PushedImages.pusherOf(inventory, derived, path, ref);
    }

    private void inspect(Scalar image, String what, Job job, Function<ImageRef, Optional<String>> own,
                         FindingSink findings) {
        for (PossibleValues.Value value : PossibleValues.of(image, job)) {
            boolean fromMatrix = !value.where().equals(image.location());
            Location related = fromMatrix ? value.where() : null;
            if (value.text().isEmpty() && literalRepository(image.value()).isPresent()) {
                ImageRef ref = literalRepository(image.value()).get();
                if (!ref.isPinned()) {
                    report(findings, image.location(), ref, what + " '" + image.value().strip() + "' is pinned only to a tag chosen"
                            + " at run time, which whoever can push to the image can move; pin it by digest (@sha256:…)",
                            image.value().strip(), null);
                }
                continue;
            }
            if (value.text().isEmpty()) {
                report(findings, image.location(), null, what + " '" + image.value().strip()
                        + "' is chosen at run time, so whether it is pinned cannot be known", image.value().strip(), related);
                continue;
            }
            String text = value.text().get().strip();
            if (text.isEmpty()) {
                continue;
            }
            ImageRef ref = ImageRef.parse(text);
            if (ref.isPinned()) {
                continue;
            }
            String message = what + " '" + text + "'" + (fromMatrix ? " (from the matrix)" : "") + " " + ref.problem()
                    + "; pin it by digest (@sha256:…)" + own.apply(ref).map(file -> "; it is this repository's own image, "
                    + "which " + file + " pushes: a push there, or anyone holding its push credentials, changes what "
                    + "runs here").orElse("");
            report(findings, image.location(), ref, message, text, related);
        }
    }

    /**
     * For an image such as {@code node:${{ matrix.node }}}, whose repository is written out and only its tag
     * or digest comes from an expression: the reference with the expressions left in its tag.
     */
    private static Optional<ImageRef> literalRepository(String written) {
        String value = written.strip();
        int firstExpression = value.indexOf("${{");
        if (firstExpression <= 0) {
            return Optional.empty();
        }
        String literal = value.substring(0, firstExpression);
        int at = literal.indexOf('@');
        int colon = literal.lastIndexOf(':');
        if (at < 0 && colon <= literal.lastIndexOf('/')) {
            return Optional.empty();
        }
        return Optional.of(ImageRef.parse(value));
    }

    private static void report(FindingSink findings, Location where, ImageRef ref, String message, String subject,
                               Location matrixValue) {
        var finding = findings.at(where).message(message).subject(subject)
                .related(matrixValue, "matrix value that the image expands to");
        if (ref == null) {
            finding.severity(Severity.MEDIUM).confidence(Confidence.LOW);
        } else if (ref.pin() == ImageRef.Pin.TAG) {
            finding.severity(Severity.LOW);
        }
        finding.property("pin", ref == null ? "unknown" : ref.pin().name().toLowerCase(Locale.ROOT)).report();
    }
}
