package dev.cimatrix.analyze;

import dev.cimatrix.model.ActionRef;
import dev.cimatrix.model.Inventory;

/**
 * What a uses hook sees: the reference, and the file it is written in ({@code path}, a workflow or an action
 * metadata file), so that a check can tell a reference to the scanned repository itself from one to another.
 */
public record UsesContext(Inventory inventory, String path, ActionRef uses, Derived derived) {
}
