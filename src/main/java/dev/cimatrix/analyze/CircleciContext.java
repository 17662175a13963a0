package dev.cimatrix.analyze;

import dev.cimatrix.model.CircleciConfig;
import dev.cimatrix.model.Inventory;

/** What a CircleCI hook of a check sees: one configuration file, with the rest of the inventory. */
public record CircleciContext(Inventory inventory, CircleciConfig config, Derived derived) {
}
