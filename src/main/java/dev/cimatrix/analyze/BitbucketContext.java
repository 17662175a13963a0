package dev.cimatrix.analyze;

import dev.cimatrix.model.BitbucketPipeline;
import dev.cimatrix.model.Inventory;

/** What a Bitbucket Pipelines hook of a check sees: one configuration file, with the rest of the inventory. */
public record BitbucketContext(Inventory inventory, BitbucketPipeline pipeline, Derived derived) {
}
