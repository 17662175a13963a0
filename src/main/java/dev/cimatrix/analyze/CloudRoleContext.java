package dev.cimatrix.analyze;

import dev.cimatrix.model.CloudRole;
import dev.cimatrix.model.Inventory;

/** What a cloud-role hook sees: a role read from infrastructure code. */
public record CloudRoleContext(Inventory inventory, CloudRole role, Derived derived) {
}
