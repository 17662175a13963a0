package dev.cimatrix.analyze;

import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.Inventory;

/** What a Dependabot hook sees: one configuration file, with the rest of the inventory (its repository's workflows). */
public record DependabotContext(Inventory inventory, DependabotConfig config, Derived derived) {
}
