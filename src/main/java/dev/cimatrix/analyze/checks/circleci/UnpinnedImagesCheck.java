package dev.cimatrix.analyze.checks.circleci;

import dev.cimatrix.analyze.Check;
import dev.cimatrix.analyze.CircleciContext;
import dev.cimatrix.analyze.FindingSink;
import dev.cimatrix.analyze.checks.common.ImageFindings;
import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.Scalar;

/**
 * The image of a {@code docker} entry of a job or executor without an {@code @sha256:} digest: the primary container,
 * where the steps run, or a service container beside it. Virtual machine images ({@code machine}, {@code macos}) are
 * CircleCI's own and not reported.
 */
public final class UnpinnedImagesCheck implements Check {
    public static final String ID = "circleci-unpinned-images";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void circleci(CircleciContext context, FindingSink findings) {
        for (CircleciConfig.Unit unit : context.config().units()) {
            for (int i = 0; i < unit.images().size(); i++) {
                Scalar image = unit.images().get(i);
                ImageFindings.report(image, (i == 0 ? "image of " : "service image of ") + unit.label(), findings);
            }
        }
    }
}
