package dev.cimatrix.analyze;

import dev.cimatrix.model.AliasUse;
import dev.cimatrix.model.Location;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the YAML alias that placed a located fact where it is. A fact read from an alias's copy keeps the lines of
 * the anchored original and the route of the copy, so the alias is the one whose route is the longest prefix of the
 * fact's route.
 */
final class AliasCopies {
    private final Map<String, Map<String, AliasUse>> byPathAndRoute = new HashMap<>();

    AliasCopies(Collection<AliasUse> uses) {
        for (AliasUse use : uses) {
            byPathAndRoute.computeIfAbsent(use.site().path(), k -> new HashMap<>()).put(use.site().route(), use);
        }
    }

    /** The alias whose copy holds this location, or null when the location is where its text stands. */
    AliasUse placing(Location location) {
        Map<String, AliasUse> byRoute = byPathAndRoute.get(location.path());
        if (byRoute == null) {
            return null;
        }
        String route = location.route();
        AliasUse whole = byRoute.get(route);
        if (whole != null) {
            return whole;
        }
        // Cutting at every '.' and '[' also cuts inside quoted keys (jobs["a.b"]); such a cut is not a route, so it
        // matches nothing.
        for (int end = route.length() - 1; end > 0; end--) {
            char c = route.charAt(end);
            if (c == '.' || c == '[') {
                AliasUse use = byRoute.get(route.substring(0, end));
                if (use != null) {
                    return use;
                }
            }
        }
        return null;
    }

    /** How a finding in an alias's copy shows the alias. */
    static RelatedLocation related(AliasUse use) {
        return new RelatedLocation(use.site(), "alias *" + use.anchor() + " repeats the text anchored as &"
                + use.anchor() + " here; the finding is about this copy");
    }
}
