package dev.cimatrix.analyze.checks.azure;

import dev.cimatrix.analyze.AzureContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.ImageFindings;
import dev.cimatrix.model.AzureJob;
import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.Scalar;

/**
 * An image of a container resource, or one a job names directly as its {@code container} or among its
 * {@code services}, without an {@code @sha256:} digest. A job's value that is the alias of a container resource is
 * judged at the resource.
 */
public final class UnpinnedImagesCheck implements Check {
    public static final String ID = "azure-unpinned-images";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void azure(AzureContext context, FindingSink findings) {
        AzurePipeline pipeline = context.pipeline();
        for (AzurePipeline.Container container : pipeline.containers()) {
            if (container.image() != null) {
                ImageFindings.report(container.image(), "image of the container resource '" + container.alias() + "'",
                        findings);
            }
        }
        for (AzureJob job : pipeline.jobs()) {
            if (job.container() != null && isImage(pipeline, job.container())) {
                ImageFindings.report(job.container(), "container image of " + job.label(), findings);
            }
            for (Scalar service : job.services()) {
                if (isImage(pipeline, service)) {
                    ImageFindings.report(service, "service image of " + job.label(), findings);
                }
            }
        }
    }

    /**
     * Whether a job's value names an image rather than a container resource: not an alias of this file's resources,
     * and with a tag, digest or registry path (a bare word is taken for a resource of the pipeline that uses the
     * template).
     */
    private static boolean isImage(AzurePipeline pipeline, Scalar value) {
        String text = value.value().strip();
        if (text.isEmpty() || pipeline.container(text).isPresent() || text.startsWith("${{")) {
            return false;
        }
        return text.contains(":") || text.contains("/") || text.contains("@") || pipeline.containers().isEmpty()
                && !pipeline.template();
    }
}
