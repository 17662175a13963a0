package dev.cimatrix.analyze;

import dev.cimatrix.model.Location;

/** A location that explains a finding, with what it shows ("checks out the pull request head here"). */
public record RelatedLocation(Location location, String message) {
}
