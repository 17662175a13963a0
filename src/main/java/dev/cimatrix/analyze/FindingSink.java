package dev.cimatrix.analyze;

import dev.cimatrix.model.Location;

/** Where a check reports findings: {@code findings.at(location).message("…").report()}. */
@FunctionalInterface
public interface FindingSink {
    FindingBuilder at(Location primary);
}
