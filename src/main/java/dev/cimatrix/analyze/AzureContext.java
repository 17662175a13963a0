package dev.cimatrix.analyze;

import dev.cimatrix.model.AzurePipeline;
import dev.cimatrix.model.Inventory;

/** What an Azure Pipelines hook of a check sees: one pipeline or template file, with the rest of the inventory. */
public record AzureContext(Inventory inventory, AzurePipeline pipeline, Derived derived) {
}
