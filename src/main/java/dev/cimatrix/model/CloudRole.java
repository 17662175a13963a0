package dev.cimatrix.model;

import java.util.List;

/**
 * A cloud role read from infrastructure code, with the OIDC issuers its trust policy accepts.
 *
 * @param address  the resource or data address, such as {@code aws_iam_role.deploy}
 * @param name     the role's name as written ({@code name =}), or the address's last part when not written
 * @param arn      the ARN when it can be told from the code (an account id written in the policy), else null
 * @param account  the cloud account id when written, else null
 * @param trusts   one entry per trust statement that accepts an OIDC issuer
 */
public record CloudRole(String provider, String address, String name, String arn, String account, Location location,
                        List<OidcTrust> trusts, List<AttachedPolicy> policies, boolean inlinePolicies) {
    public CloudRole {
        trusts = List.copyOf(trusts);
        policies = List.copyOf(policies);
    }

    public CloudRole(String provider, String address, String name, String arn, String account, Location location,
                     List<OidcTrust> trusts) {
        this(provider, address, name, arn, account, location, trusts, List.of(), false);
    }

    /**
     * Whether everything the role may do is in {@link #policies()} and each of them is an AWS managed policy, whose
     * name says what it allows: no inline policy ({@code inline_policy}, {@code aws_iam_role_policy}) and no policy of
     * the account's own.
     */
    public boolean permissionsKnown() {
        return !inlinePolicies && !policies.isEmpty() && policies.stream().allMatch(p -> p.awsManagedName() != null);
    }

    /**
     * A managed policy attached to the role, by its ARN as written ({@code arn:aws:iam::aws:policy/ReadOnlyAccess}),
     * and where it is attached: an {@code aws_iam_role_policy_attachment} or the role's {@code managed_policy_arns}.
     */
    public record AttachedPolicy(String arn, Location location) {
        private static final String AWS_MANAGED = "arn:aws:iam::aws:policy/";
        /** AWS managed policies that write whatever their name says (the {@code …FullAccess} ones are read by name). */
        private static final java.util.Set<String> WRITING = java.util.Set.of("AdministratorAccess", "PowerUserAccess");

        /** Whether this is an AWS managed policy that writes: administrator, power user or full access to a service. */
        public boolean writes() {
            String name = awsManagedName();
            return name != null && (WRITING.contains(name) || name.endsWith("FullAccess"));
        }

        /** The name of an AWS managed policy ({@code AdministratorAccess}), or null for any other policy. */
        public String awsManagedName() {
            if (!arn.startsWith(AWS_MANAGED)) {
                return null;
            }
            String rest = arn.substring(AWS_MANAGED.length());
            return rest.substring(rest.lastIndexOf('/') + 1);
        }
    }

    /** A statement of a trust policy that lets tokens of an OIDC issuer assume the role. */
    public record OidcTrust(String issuer, List<String> subjects, SubjectScope scope, Location location) {
        public OidcTrust {
            subjects = List.copyOf(subjects);
        }
    }

    /** How narrowly the {@code sub} condition picks who may assume the role, narrowest first. */
    public enum SubjectScope {
        /** Every subject names one repository and a branch, tag, environment or pull request. */
        PINNED,
        /**
         * The subject condition's values, or some of them, are computed (from variables, functions or {@code for}
         * expressions), so how narrow it is cannot be read from the code; the rest are pinned.
         */
        COMPUTED,
        /** Some subject accepts every ref of one repository ({@code repo:org/app:*}). */
        REPOSITORY,
        /** Some subject accepts any repository of an organisation ({@code repo:org/*}). */
        ORGANISATION,
        /** No subject condition, or one that accepts any subject: every repository on the platform. */
        ANY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Whether a role as a workflow or a declaration writes it (an ARN, or a name) is this role: the same ARN, or the same
     * name as the ARN's last part. A role written with an expression names no role.
     */
    public boolean isNamedBy(String written) {
        String text = written.strip();
        String name = nameIn(text);
        return arn != null && arn.equalsIgnoreCase(text) || !name.isEmpty() && this.name.equalsIgnoreCase(name);
    }

    /** The last part of a role ARN ({@code arn:aws:iam::1:role/path/name} gives {@code name}), or the text itself. */
    public static String nameIn(String arnOrName) {
        if (arnOrName.contains("${{")) {
            return "";
        }
        int slash = arnOrName.lastIndexOf('/');
        return slash >= 0 ? arnOrName.substring(slash + 1) : arnOrName;
    }

    /** The broadest scope of its trusts; PINNED when it has none. */
    public SubjectScope broadestScope() {
        return trusts.stream().map(OidcTrust::scope).max(Enum::compareTo).orElse(SubjectScope.PINNED);
    }
}
