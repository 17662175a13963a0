package dev.cimatrix.analyze;

import dev.cimatrix.model.ActionDefinition;
import dev.cimatrix.model.Inventory;

/** What an action-level hook sees. */
public record ActionContext(Inventory inventory, ActionDefinition action, Derived derived) {
}
