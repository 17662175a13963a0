package dev.cimatrix.paths;

/** What a node of the attack graph stands for. The order is the order of a typical path. */
public enum NodeKind {
    /** An entry point: who the attacker starts as (outside contributor, maintainer, leaked token, …). */
    PERSONA,
    REPOSITORY,
    WORKFLOW,
    JOB,
    /** A secret, a token with its scopes, or a cloud role a job can assume. */
    CREDENTIAL,
    /** A declared part of the system: SCM, CI server, runner, registry, vault, cluster, cloud account. */
    COMPONENT,
    /** What is at stake: private code, production data, compute, published packages. Paths end here. */
    ASSET;

    /** Lower-case name used in ids and outputs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
