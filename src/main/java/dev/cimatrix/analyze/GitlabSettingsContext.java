package dev.cimatrix.analyze;

import dev.cimatrix.model.GitlabSettings;
import dev.cimatrix.model.Inventory;

/** What a GitLab settings hook of a check sees: one project's settings snapshot, with the rest of the inventory. */
public record GitlabSettingsContext(Inventory inventory, GitlabSettings settings, Derived derived) {
}
