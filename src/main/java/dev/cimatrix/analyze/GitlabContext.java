package dev.cimatrix.analyze;

import dev.cimatrix.model.GitlabPipeline;
import dev.cimatrix.model.Inventory;

/** What a GitLab CI hook of a check sees: one configuration file, with the rest of the inventory. */
public record GitlabContext(Inventory inventory, GitlabPipeline pipeline, Derived derived) {
}
