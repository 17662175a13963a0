package dev.cimatrix.analyze.checks.bitbucket;

import dev.cimatrix.analyze.BitbucketContext;
import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.ImageFindings;
import dev.cimatrix.model.BitbucketPipeline;

/** The top-level image, a step's image or a service's image of a Bitbucket Pipelines configuration without a digest. */
public final class UnpinnedImagesCheck implements Check {
    public static final String ID = "bitbucket-unpinned-images";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void bitbucket(BitbucketContext context, FindingSink findings) {
        BitbucketPipeline pipeline = context.pipeline();
        if (pipeline.image() != null) {
            ImageFindings.report(pipeline.image(), "default image of every step", findings);
        }
        for (BitbucketPipeline.Step step : pipeline.steps()) {
            if (step.image() != null) {
                ImageFindings.report(step.image(), "image of " + step.label(), findings);
            }
        }
        for (BitbucketPipeline.Service service : pipeline.services()) {
            if (service.image() != null) {
                ImageFindings.report(service.image(), "image of the service '" + service.name() + "'", findings);
            }
        }
    }
}
