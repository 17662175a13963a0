package dev.cimatrix.analyze;

import dev.cimatrix.model.Location;

/** Where a check reports findings: {@code findings.at(location).message("…").report()}. */
@FunctionalInterface
public interface FindingSink {
    FindingBuilder at(Location primary);

    /**
     * Notes that the check met something of the kind it judges here (an infrastructure plan, for a check of plans),
     * whether or not it reports it: for a check whose silence counts only where it met its subject
     * ({@link Check#verifiesOnlyWhatItMeets()}).
     */
    default void met() {
    }
}
