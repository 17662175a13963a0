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
                        List<OidcTrust> trusts) {
    public CloudRole {
        trusts = List.copyOf(trusts);
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

    /** The broadest scope of its trusts; PINNED when it has none. */
    public SubjectScope broadestScope() {
        return trusts.stream().map(OidcTrust::scope).max(Enum::compareTo).orElse(SubjectScope.PINNED);
    }
}
