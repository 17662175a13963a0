package dev.cimatrix.model;

import java.util.Objects;

/**
 * A YAML alias ({@code *name}) that places a copy of an anchored node at another route. Facts about the copy carry
 * the anchored node's lines, so a finding in the copy points at the anchor; the alias is where the copy stands.
 *
 * @param anchor the anchor's name, without {@code &} or {@code *}
 * @param site   the span of the alias in its file; its route is the route of the copy it makes
 */
public record AliasUse(String anchor, Location site) {
    public AliasUse {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(site, "site");
    }
}
