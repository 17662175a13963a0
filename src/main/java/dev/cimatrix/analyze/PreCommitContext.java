package dev.cimatrix.analyze;

import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.PreCommitConfig;

/** What a pre-commit hook of a check sees: one configuration file, with the rest of the inventory (the workflows). */
public record PreCommitContext(Inventory inventory, PreCommitConfig config, Derived derived) {
}
