package dev.cimatrix.analyze;

import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.JenkinsPipeline;

/** What a Jenkins hook of a check sees: one pipeline script, with the rest of the inventory. */
public record JenkinsContext(Inventory inventory, JenkinsPipeline pipeline, Derived derived) {
}
