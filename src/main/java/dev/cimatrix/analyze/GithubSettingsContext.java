package dev.cimatrix.analyze;

import dev.cimatrix.model.GithubSettings;
import dev.cimatrix.model.Inventory;

/** What a settings hook of a check sees: one GitHub settings file, with the rest of the inventory (the workflows). */
public record GithubSettingsContext(Inventory inventory, GithubSettings settings, Derived derived) {
}
